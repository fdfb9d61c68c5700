/** A JSON value: what an answer holds and what the signed record is made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
