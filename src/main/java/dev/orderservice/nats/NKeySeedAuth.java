package dev.orderservice.nats;

import dev.orderservice.config.Redaction;
import dev.orderservice.config.Secret;
import dev.orderservice.config.SecretFile;
import dev.orderservice.config.SettingException;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Signs the server's nonce with a user NKey read from a seed file (the plain {@code SU...} line
 * {@code nsc} writes to {@code .nk} files). jnats' {@code Nats.credentials(jwt, nkey)} expects the
 * dashed blocks of a {@code .creds} file, so the NKey itself comes from jnats' {@link NKey}. The
 * seed is read and checked once, at start, so a wrong file is a setting error and not a failed
 * connection.
 */
final class NKeySeedAuth implements AuthHandler {

    private final NKey key;

    private NKeySeedAuth(NKey key) {
        this.key = key;
    }

    /**
     * @throws SettingException when the file is unusable or holds no user seed
     */
    static NKeySeedAuth fromFile(Path seedFile) throws SettingException {
        Secret secret = SecretFile.read("ORDERS_NATS_NKEY_SEED_FILE", seedFile);
        Redaction.process().register(secret);
        char[] seed = secret.revealChars();
        try {
            NKey key = NKey.fromSeed(seed);
            if (key.getType() != NKey.Type.USER) {
                throw new SettingException("ORDERS_NATS_NKEY_SEED_FILE=" + seedFile + " holds a " + key.getType()
                        + " seed, not a user seed (SU...)");
            }
            return new NKeySeedAuth(key);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SettingException("ORDERS_NATS_NKEY_SEED_FILE=" + seedFile + " holds no NKey seed");
        }
    }

    @Override
    public byte[] sign(byte[] nonce) {
        try {
            return key.sign(nonce);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign the NATS nonce with the NKey", e);
        }
    }

    @Override
    public char[] getID() {
        try {
            return key.getPublicKey();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot derive the NKey's public key", e);
        }
    }

    @Override
    public char[] getJWT() {
        return null;
    }
}
