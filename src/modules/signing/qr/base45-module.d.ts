// The `base45` package ships no types.
declare module 'base45' {
  const base45: { encode(input: Buffer | string): string; decode(input: string): Buffer };
  export default base45;
}
