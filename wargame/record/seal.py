"""Secrets at rest for classroom games: a key from the facilitator's PIN, an authenticated cipher.

A class save keeps its secrets (the class's random-stream key, hidden types, sealed orders and
their reasons, the facilitator's log) encrypted. The scheme is an envelope, built only from
``cryptography``'s primitives (no home-made crypto):

* a random 256-bit **data key** encrypts the secrets and each line of the class's append-only
  log with AES-256-GCM (an AEAD: a changed byte fails to decrypt);
* the data key is wrapped with a **key-encryption key** derived by scrypt (memory-hard; n=2**14,
  r=8, p=1: 16 MiB and about 50 ms a try) from the PIN *and* a per-installation secret kept in the
  user data folder (never in ``saves/``), so a save copied off the machine cannot be cracked by
  trying the few thousand short PINs offline;
* the PIN is stored only as a salted hash: HMAC-SHA256 of the key-encryption key (the salt is
  scrypt's), checked in constant time.

A class without a PIN is sealed the same way with the empty PIN: its file still tells nothing to
someone who copies it, but anyone at the machine can open the console (the setup screen says so).

Changing the PIN re-wraps the same data key (the log stays readable).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
"""scrypt cost: 16 MiB of memory per try (RFC 7914 parameters)."""
DATA_DIR_ENV = "WARGAME_DATA_DIR"
"""Overrides the user data folder (tests, a shared classroom account)."""
INSTALL_SECRET_NAME = "installation.key"


class WrongPinError(ValueError):
    """The PIN does not open this class (or its bytes were changed)."""


def data_dir() -> Path:
    """The user data folder: ``$WARGAME_DATA_DIR``, else platformdirs' ``user_data_dir('wargame')``."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("wargame", appauthor=False))


def installation_secret() -> bytes:
    """This installation's 32-byte secret (created once, mode 0600, in :func:`data_dir`).

    Raises:
        OSError: the folder cannot be created or the file cannot be written or read.
    """
    folder = data_dir()
    path = folder / INSTALL_SECRET_NAME
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    new = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use that one
        data = path.read_bytes()
        if len(data) != 32:
            raise OSError(f"{path} is damaged (expected 32 bytes)") from None
        return data
    with os.fdopen(fd, "wb") as fh:
        fh.write(new)
        fh.flush()
        os.fsync(fh.fileno())
    return new


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise WrongPinError("the sealed data is not valid base64") from None


def _kek(pin: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    material = pin.encode("utf-8") + b"\x00" + installation_secret()
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(material)


def _pin_hash(kek: bytes) -> bytes:
    return hmac.new(kek, b"wargame facilitator PIN", hashlib.sha256).digest()


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> str:
    """AES-256-GCM with a fresh 96-bit nonce; returns base64(nonce + ciphertext + tag)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return b64(nonce + AESGCM(key).encrypt(nonce, plaintext, aad))


def decrypt(key: bytes, sealed: str, aad: bytes) -> bytes:
    """Inverse of :func:`encrypt`.

    Raises:
        WrongPinError: wrong key, or the data was changed.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw = unb64(sealed)
    if len(raw) < 28:
        raise WrongPinError("the sealed data is too short")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], aad)
    except InvalidTag:
        raise WrongPinError("wrong PIN, or the sealed data was changed") from None


@dataclass(frozen=True, slots=True)
class Lockbox:
    """The stored form of a class's keys: what goes in the save, in the clear.

    Attributes:
        salt, wrapped_key, pin_hash: base64; n, r, p: scrypt parameters; has_pin: a PIN was set.
    """

    salt: str
    wrapped_key: str
    pin_hash: str
    has_pin: bool
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


def new_data_key() -> bytes:
    """A fresh random 256-bit data key."""
    return secrets.token_bytes(32)


def lock(data_key: bytes, pin: str | None, class_id: str) -> Lockbox:
    """Wrap ``data_key`` under ``pin`` (None: the empty PIN) and this installation's secret."""
    salt = secrets.token_bytes(16)
    kek = _kek(pin or "", salt)
    wrapped = encrypt(kek, data_key, class_id.encode())
    return Lockbox(b64(salt), wrapped, b64(_pin_hash(kek)), pin is not None)


def unlock(box: Lockbox, pin: str | None, class_id: str) -> bytes:
    """The data key, if ``pin`` is the class's PIN (on the installation that sealed it).

    Raises:
        WrongPinError: the PIN is wrong, or the save comes from another installation.
    """
    kek = _kek(pin or "", unb64(box.salt), box.n, box.r, box.p)
    if not hmac.compare_digest(_pin_hash(kek), unb64(box.pin_hash)):
        raise WrongPinError("wrong PIN")
    return decrypt(kek, box.wrapped_key, class_id.encode())
