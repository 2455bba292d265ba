// Encrypts secrets kept at rest (Slack installations' tokens) with AES-256-GCM from node:crypto.
// A sealed value is "v1.<iv>.<tag>.<ciphertext>" in base64url: a fresh 12-byte IV each time, and
// the 16-byte authentication tag, so a changed byte or a wrong key fails to open instead of
// yielding garbage. https://nodejs.org/api/crypto.html#class-cipheriv
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the value was not sealed with this key or was altered. */
  open(sealed: string): string;
}

const VERSION = 'v1';

/** `key` must be exactly 32 bytes (config.ts parses RAPPORT_ENCRYPTION_KEY from base64 or hex). */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`An AES-256-GCM key is 32 bytes; got ${key.length}`);
  const secret = Buffer.from(key);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Not a sealed value (expected v1.<iv>.<tag>.<data>)');
      const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new Error('A sealed value could not be opened: RAPPORT_ENCRYPTION_KEY is not the key it was sealed with, or the value was altered', { cause: error });
      }
    },
  };
}
