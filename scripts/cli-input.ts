/** A usage or input error of `npm run gridatlas`: the command prints it and exits 2. */
export class BadInput extends Error {}
