// Request and response schemas of the assessments capability.
export {};
