/**
 * How the core keeps secrets (agent bearer tokens) at rest without knowing who encrypts them. The Electron main
 * passes a box backed by the OS keychain (safeStorage); Node users (tests, the browser host) get the plain-text box,
 * which says so. The core never imports electron: this interface is the whole seam.
 */
export interface SecretBox {
  /** False when secrets can only be stored as plain text; `unavailableReason` then says why, for the operator. */
  readonly isEncryptionAvailable: boolean;
  readonly unavailableReason: string | null;
  /** Returns printable ciphertext. Only called when encryption is available. */
  encrypt(plain: string): string;
  /** Inverse of `encrypt`; throws when the ciphertext cannot be opened (e.g. another user's keychain). */
  decrypt(ciphertext: string): string;
}

export const PLAIN_TEXT_REASON =
  'Agent tokens are stored in plain text: no OS keychain is available to this process (safeStorage runs only in the Electron app).';

/** The default box: no encryption, and it says so rather than pretending. */
export function plainTextSecretBox(reason: string = PLAIN_TEXT_REASON): SecretBox {
  return {
    isEncryptionAvailable: false,
    unavailableReason: reason,
    encrypt: () => {
      throw new Error('this secret box cannot encrypt');
    },
    decrypt: () => {
      throw new Error('this secret box cannot decrypt');
    },
  };
}

// What a stored token column holds. The prefix says how to read it back, so a database written while the keychain
// was unavailable (or before encryption existed: no prefix) still opens, and is sealed on the next start that can.
const ENCRYPTED = 'enc1:';
const PLAIN = 'plain:';

export type SealedState = 'encrypted' | 'plain' | 'none';

export function sealSecret(box: SecretBox, secret: string | null): string | null {
  if (secret === null) return null;
  return box.isEncryptionAvailable ? ENCRYPTED + box.encrypt(secret) : PLAIN + secret;
}

/** Reads a stored value back. Throws if it is encrypted and the box cannot open it. */
export function openSecret(box: SecretBox, stored: string | null): string | null {
  if (stored === null) return null;
  if (stored.startsWith(ENCRYPTED)) {
    if (!box.isEncryptionAvailable) throw new Error('the token is encrypted but no keychain is available to decrypt it');
    return box.decrypt(stored.slice(ENCRYPTED.length));
  }
  return stored.startsWith(PLAIN) ? stored.slice(PLAIN.length) : stored;
}

export function sealedState(stored: string | null): SealedState {
  if (stored === null) return 'none';
  return stored.startsWith(ENCRYPTED) ? 'encrypted' : 'plain';
}
