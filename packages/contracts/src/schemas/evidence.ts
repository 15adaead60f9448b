// Request and response schemas of the evidence capability.
export {};
