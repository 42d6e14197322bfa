// Line 3 does not parse.
export const a = 1;
export const total = [a, ;
