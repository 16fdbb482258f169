import base45 from 'base45';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function encodeBase45(bytes: Uint8Array): string {
  return base45.encode(Buffer.from(bytes));
}

/**
 * RFC 9285 decoding. The `base45` package decodes whatever it is given (an unknown character becomes
 * -1, an overlong group wraps around), so the input is checked here first: a payload with a foreign
 * character or an impossible group must fail at this layer, not later as garbage.
 */
export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Error('Base45 length leaves a single character');
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let value = 0;
    for (let j = group.length - 1; j >= 0; j--) {
      const digit = alphabet.indexOf(group.charAt(j));
      if (digit < 0) throw new Error(`Not a Base45 character: ${JSON.stringify(group.charAt(j))}`);
      value = value * 45 + digit;
    }
    if (value > (group.length === 3 ? 0xffff : 0xff)) throw new Error(`Base45 group out of range: ${group}`);
  }
  return new Uint8Array(base45.decode(text));
}
