"""Where secrets live: the OS keychain, a passphrase-protected file, or memory (tests).

Secrets (the database key, private keys) only ever go through a :class:`SecretStore`.
They never go into the database, settings, logs or exception messages.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets as _secrets
from pathlib import Path
from typing import Protocol, runtime_checkable

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PASSPHRASE_ENV = "HANDOVER_PASSPHRASE"
PASSPHRASE_FILE_ENV = "HANDOVER_PASSPHRASE_FILE"
SECRETS_FILENAME = "geheimen.enc"

# Only backends that keep secrets encrypted by the operating system. keyrings.alt's plaintext
# file backend (picked automatically when installed) and the "fail"/"null" backends are refused.
SECURE_KEYRING_BACKENDS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
    }
)


class SecretStoreError(Exception):
    """A secret store cannot be used; the message is plain Dutch for the user."""


class WrongPassphrase(SecretStoreError):
    pass


@runtime_checkable
class SecretStore(Protocol):
    kind: str

    def get(self, name: str) -> bytes | None: ...

    def set(self, name: str, value: bytes) -> None: ...

    def delete(self, name: str) -> None: ...


class MemorySecretStore:
    """Keeps secrets in a dict. For tests and for a demo in a temporary folder."""

    kind = "memory"

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        return self._data.get(name)

    def set(self, name: str, value: bytes) -> None:
        self._data[name] = bytes(value)

    def delete(self, name: str) -> None:
        self._data.pop(name, None)


def _backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def secure_keyring_backend() -> object | None:
    """The active keyring backend if it is on the allowlist, else None."""
    try:
        import keyring
        from keyring.backends.chainer import ChainerBackend
    except Exception:  # pragma: no cover - keyring missing or broken in a frozen build
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, ChainerBackend):
        secure: list[object] = [c for c in backend.backends if _backend_name(c) in SECURE_KEYRING_BACKENDS]
        return secure[0] if secure else None
    return backend if _backend_name(backend) in SECURE_KEYRING_BACKENDS else None


class KeyringSecretStore:
    """Secrets in the OS keychain (Windows Credential Manager), namespaced per data folder."""

    kind = "keyring"

    def __init__(self, data_dir: Path, backend: object | None = None) -> None:
        backend = backend or secure_keyring_backend()
        if backend is None:
            raise SecretStoreError(
                "Er is geen veilige sleutelopslag van het besturingssysteem gevonden. "
                "Kies een wachtwoord (wachtwoordmodus) of vraag de ICT-beheerder om hulp."
            )
        self._backend = backend
        digest = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]
        self._service = f"Overstap-{digest}"

    def get(self, name: str) -> bytes | None:
        value = self._backend.get_password(self._service, name)  # type: ignore[attr-defined]
        return None if value is None else base64.b64decode(value)

    def set(self, name: str, value: bytes) -> None:
        self._backend.set_password(self._service, name, base64.b64encode(value).decode())  # type: ignore[attr-defined]

    def delete(self, name: str) -> None:
        try:
            self._backend.delete_password(self._service, name)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - deleting a missing secret is fine
            pass


class PassphraseSecretStore:
    """Secrets in a file encrypted with a key derived from a passphrase (scrypt + Fernet).

    For machines without an OS keychain, and for automation (``HANDOVER_PASSPHRASE``).
    """

    kind = "passphrase"
    _SCRYPT_N = 2**15

    def __init__(self, data_dir: Path, passphrase: str, *, create: bool = False) -> None:
        if not passphrase:
            raise SecretStoreError("Het wachtwoord is leeg.")
        self._path = Path(data_dir) / SECRETS_FILENAME
        if self._path.exists():
            blob = json.loads(self._path.read_text("utf-8"))
            self._salt = base64.b64decode(blob["salt"])
            self._fernet = Fernet(self._derive(passphrase, self._salt, blob.get("n", self._SCRYPT_N)))
            try:
                self._data = {
                    k: base64.b64decode(v) for k, v in json.loads(self._fernet.decrypt(blob["token"].encode())).items()
                }
            except InvalidToken:
                raise WrongPassphrase("Het wachtwoord klopt niet.") from None
        elif create:
            self._salt = _secrets.token_bytes(16)
            self._fernet = Fernet(self._derive(passphrase, self._salt, self._SCRYPT_N))
            self._data = {}
            self._flush()
        else:
            raise SecretStoreError(f"Geen wachtwoordbestand gevonden in {data_dir}.")

    @staticmethod
    def _derive(passphrase: str, salt: bytes, n: int) -> bytes:
        key = Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))
        return base64.urlsafe_b64encode(key)

    def _flush(self) -> None:
        token = self._fernet.encrypt(
            json.dumps({k: base64.b64encode(v).decode() for k, v in self._data.items()}).encode()
        )
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"salt": base64.b64encode(self._salt).decode(), "n": self._SCRYPT_N, "token": token.decode()}),
            "utf-8",
        )
        os.replace(tmp, self._path)

    def get(self, name: str) -> bytes | None:
        return self._data.get(name)

    def set(self, name: str, value: bytes) -> None:
        self._data[name] = bytes(value)
        self._flush()

    def delete(self, name: str) -> None:
        if self._data.pop(name, None) is not None:
            self._flush()


def passphrase_from_environment(passphrase_file: Path | None = None) -> str | None:
    """``--passphrase-file`` wins, then ``HANDOVER_PASSPHRASE_FILE``, then ``HANDOVER_PASSPHRASE``."""
    path = passphrase_file or (Path(os.environ[PASSPHRASE_FILE_ENV]) if os.environ.get(PASSPHRASE_FILE_ENV) else None)
    if path is not None:
        try:
            return Path(path).read_text("utf-8").strip("\r\n")
        except OSError as exc:
            raise SecretStoreError(f"Het wachtwoordbestand {path} kan niet worden gelezen.") from exc
    return os.environ.get(PASSPHRASE_ENV) or None


def open_secret_store(data_dir: Path, mode: str, passphrase: str | None, *, create: bool = False) -> SecretStore:
    """Open the store that a data folder was set up with (``keyring`` or ``passphrase``)."""
    if mode == "passphrase":
        if not passphrase:
            raise SecretStoreError(
                "Deze gegevens zijn beveiligd met een wachtwoord. Geef het wachtwoord op "
                "(HANDOVER_PASSPHRASE of --passphrase-file)."
            )
        return PassphraseSecretStore(data_dir, passphrase, create=create)
    if mode == "keyring":
        return KeyringSecretStore(data_dir)
    raise SecretStoreError(f"Onbekende sleutelopslag: {mode}")
