"""``handover-server`` admin CLI: exit codes and what the administrator sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from handover.server.cli import main


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'srv.db'}"


def test_init_add_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path)
    assert main(["--db", db, "list"]) == 1
    assert "init" in capsys.readouterr().err
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "init"]) == 0  # idempotent
    assert main(["--db", db, "add-org", "--name", "Gemeente Testdorp", "--kind", "gemeente"]) == 0
    out = capsys.readouterr().out
    org_id = out.split("Organisatie toegevoegd: ")[1].split()[0]
    code = out.split("Eenmalige inschrijfcode: ")[1].split()[0]
    assert len(code.replace("-", "")) == 20
    assert main(["--db", db, "list"]) == 0
    listing = capsys.readouterr().out
    assert org_id in listing and "pending" in listing and "Gemeente Testdorp" in listing
    assert code not in listing
    assert main(["--db", db, "revoke", org_id]) == 0
    assert main(["--db", db, "list"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert main(["--db", db, "revoke", "no-such-org"]) == 1
    assert main(["--db", db, "new-epoch"]) == 0


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert main([]) == 2
    assert main(["--db", db, "add-org", "--name", "X", "--kind", "bedrijf"]) == 2
    assert main(["--db", db, "frobnicate"]) == 2


def test_serve_refuses_a_public_address_without_tls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path)
    assert main(["--db", db, "init"]) == 0
    # Refused before anything binds: no socket is opened on any address but loopback.
    assert main(["--db", db, "serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "TLS" in capsys.readouterr().err
    assert main(["--db", db, "serve", "--host", "127.0.0.1", "--tls-cert", "c.pem"]) == 2


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.mark.parametrize("tls", [False, True])
def test_serve_runs_the_real_server_on_loopback(tmp_path: Path, tls: bool) -> None:
    import ssl
    import subprocess
    import sys
    import time

    import httpx

    db = _db(tmp_path)
    assert main(["--db", db, "init"]) == 0
    port = _free_port()
    extra: list[str] = []
    verify: bool | ssl.SSLContext = True
    if tls:
        cert, key = _self_signed(tmp_path)
        extra = ["--tls-cert", str(cert), "--tls-key", str(key)]
        verify = ssl.create_default_context(cafile=str(cert))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from handover.server.cli import main; sys.exit(main(sys.argv[1:]))",
            "--db",
            db,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"{'https' if tls else 'http'}://127.0.0.1:{port}/v1/health"
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(url, verify=verify, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
        assert response.status_code == 200 and response.json()["status"] == "ok"
        assert "server" not in response.headers  # no version banner
        if tls:
            with pytest.raises(httpx.TransportError):  # plain HTTP is not answered
                httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
