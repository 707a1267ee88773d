// Placeholder source file for the example repository; the walkthrough appends to it as work happens.
export const TOKEN_TTL_SECONDS = 900;
