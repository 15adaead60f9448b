// Request and response schemas of the registrations capability.
export {};
