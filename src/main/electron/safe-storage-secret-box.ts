import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/secrets/secret-box';

/**
 * The core's SecretBox backed by Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or KWallet
 * on Linux). Call after app ready: before it, safeStorage cannot answer on Linux.
 *
 * On Linux without a keyring, safeStorage falls back to 'basic_text', a key hard-coded in Chromium: that hides
 * nothing from anyone who can read the file, so it is reported as unavailable rather than called encryption.
 */
export function safeStorageSecretBox(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform,
): SecretBox {
  const reason = unavailableReason(safeStorage, platform);
  return {
    isEncryptionAvailable: reason === null,
    unavailableReason: reason,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext, 'base64')),
  };
}

function unavailableReason(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform,
): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'Agent tokens are stored in plain text: the OS keychain is not available to Twin Console.';
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'Agent tokens are stored in plain text: no keyring (GNOME Keyring or KWallet) is running. Start one and restart Twin Console to encrypt them.';
  }
  return null;
}
