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
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
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


# The rule for every new passphrase, in the command line and in the GUI (wizard and recovery).
MIN_PASSPHRASE_CHARS = 12
MIN_PASSPHRASE_WORDS = 4
PASSPHRASE_RULE = (
    "Kies een wachtwoord van minstens 12 tekens, of een zin van minstens vier woorden. "
    "Wie een kopie van uw gegevens in handen krijgt, kan op een gewone computer heel veel "
    "wachtwoorden per dag uitproberen. Een kort wachtwoord is dan snel geraden; een zin van "
    "een paar woorden niet, en die onthoudt u makkelijk."
)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is too weak (plain Dutch), or None when it follows the rule.

    At least 12 characters, or four words of two letters or more ("ik ga nu op" counts).
    """
    words = [w for w in passphrase.split() if len(w) >= 2]
    if len(passphrase) >= MIN_PASSPHRASE_CHARS or len(words) >= MIN_PASSPHRASE_WORDS:
        return None
    return PASSPHRASE_RULE


@dataclass(frozen=True)
class KdfParams:
    """The scrypt parameters a ``geheimen.enc`` was written with; stored in the file itself."""

    n: int
    r: int = 8
    p: int = 1

    def as_json(self) -> dict[str, object]:
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_file(cls, blob: dict[str, object]) -> KdfParams:
        """Format 2 has a ``kdf`` object; format 1 (before 2026-12) had only ``n``, with r=8, p=1."""
        kdf = blob.get("kdf")
        try:
            if isinstance(kdf, dict):
                if kdf.get("name") != "scrypt":
                    raise ValueError(kdf.get("name"))
                params = cls(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
            else:
                params = cls(n=int(blob.get("n", LEGACY_KDF.n)))  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError):
            raise SecretStoreError(f"Het wachtwoordbestand {SECRETS_FILENAME} is beschadigd.") from None
        # Bounds, so a damaged file cannot ask for gigabytes of memory; n must be a power of two.
        if not (2**10 <= params.n <= 2**22 and params.n & (params.n - 1) == 0 and 1 <= params.r <= 32):
            raise SecretStoreError(f"Het wachtwoordbestand {SECRETS_FILENAME} is beschadigd.")
        if not 1 <= params.p <= 16:
            raise SecretStoreError(f"Het wachtwoordbestand {SECRETS_FILENAME} is beschadigd.")
        return params

    def weaker_than(self, other: KdfParams) -> bool:
        return self.n * self.r * self.p < other.n * other.r * other.p


# scrypt with N=2^17, r=8, p=1 (128 MiB, OWASP's current minimum). Files written with weaker
# parameters (format 1 used N=2^15) are rewritten with these on the next successful open.
CURRENT_KDF = KdfParams(n=2**17)
LEGACY_KDF = KdfParams(n=2**15)
SECRETS_FORMAT = 2


class PassphraseSecretStore:
    """Secrets in a file encrypted with a key derived from a passphrase (scrypt + Fernet).

    For machines without an OS keychain, and for automation (``HANDOVER_PASSPHRASE``). The file
    holds its own KDF parameters and every save writes back the ones the key was derived with, so
    a change of the default never makes an existing file unopenable. There is no quick check of
    the passphrase: a wrong one is only found out after the full key derivation.
    """

    kind = "passphrase"

    def __init__(self, data_dir: Path, passphrase: str, *, create: bool = False, kdf: KdfParams = CURRENT_KDF) -> None:
        if not passphrase:
            raise SecretStoreError("Het wachtwoord is leeg.")
        self._data_dir = Path(data_dir)
        self._path = self._data_dir / SECRETS_FILENAME
        self.migrated_from: KdfParams | None = None
        if self._path.exists():
            try:
                blob = json.loads(self._path.read_text("utf-8"))
                salt = base64.b64decode(blob["salt"])
                token = blob["token"].encode()
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                raise SecretStoreError(f"Het wachtwoordbestand {self._path} is beschadigd.") from None
            params = KdfParams.from_file(blob)
            fernet = Fernet(self._derive(passphrase, salt, params))
            try:
                self._data = {k: base64.b64decode(v) for k, v in json.loads(fernet.decrypt(token)).items()}
            except InvalidToken:
                raise WrongPassphrase("Het wachtwoord klopt niet.") from None
            self._salt, self._kdf, self._fernet = salt, params, fernet
            if params.weaker_than(kdf) or blob.get("format") != SECRETS_FORMAT:
                self._migrate(passphrase, kdf)
        elif create:
            self._salt = _secrets.token_bytes(16)
            self._kdf = kdf
            self._fernet = Fernet(self._derive(passphrase, self._salt, kdf))
            self._data = {}
            self._flush()
        else:
            raise SecretStoreError(f"Geen wachtwoordbestand gevonden in {data_dir}.")

    @property
    def kdf(self) -> KdfParams:
        """The parameters the file is written with now."""
        return self._kdf

    def _migrate(self, passphrase: str, kdf: KdfParams) -> None:
        """Keep a copy of the old file in ``backups/``, then rewrite it with a new salt and ``kdf``."""
        backups = self._data_dir / "backups"
        backups.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        backup = backups / f"geheimen-{stamp}.enc"
        counter = 1
        while backup.exists():
            counter += 1
            backup = backups / f"geheimen-{stamp}-{counter}.enc"
        shutil.copy2(self._path, backup)
        old = self._kdf
        target = kdf if old.weaker_than(kdf) else old
        self._salt = _secrets.token_bytes(16)
        self._kdf = target
        self._fernet = Fernet(self._derive(passphrase, self._salt, target))
        self._flush()
        self.migrated_from = old

    @staticmethod
    def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        key = Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(passphrase.encode("utf-8"))
        return base64.urlsafe_b64encode(key)

    def _flush(self) -> None:
        token = self._fernet.encrypt(
            json.dumps({k: base64.b64encode(v).decode() for k, v in self._data.items()}).encode()
        )
        tmp = self._path.with_suffix(".tmp")
        blob = {
            "format": SECRETS_FORMAT,
            "kdf": self._kdf.as_json(),
            "salt": base64.b64encode(self._salt).decode(),
            "token": token.decode(),
        }
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(blob))
            fh.flush()
            os.fsync(fh.fileno())
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
