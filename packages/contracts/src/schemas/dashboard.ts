// Request and response schemas of the dashboard capability.
export {};
