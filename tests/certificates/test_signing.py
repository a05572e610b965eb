"""PAdES signatures: a throwaway CA signs a certificate, pyHanko validates it,
and one changed byte breaks it."""

import datetime
import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.keys.pemder import load_private_key_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import signing
from certificates.services import certificate_issue

PASSPHRASE = "Slepens-ķēde-1"


def _name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "LV"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, key, issuer_key, *, ca, usage=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usage), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture
def test_ca(tmp_path, settings, monkeypatch, certificate_template):
    """A root CA, a signing key for the issuer in CERTIFICATE_SIGNING_DIR, and a
    timestamp authority; nothing leaves the machine."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _certificate("Testa CA", "Testa CA", ca_key, ca_key, ca=True)
    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer_cert = _certificate(
        "Iestāde A paraksts", "Testa CA", signer_key, ca_key, ca=False
    )
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_cert = _certificate(
        "Testa TSA",
        "Testa CA",
        tsa_key,
        ca_key,
        ca=False,
        usage=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    code = certificate_template.issuer.code
    (tmp_path / f"{code}.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"iestade",
            signer_key,
            signer_cert,
            [ca],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    settings.CERTIFICATE_SIGNING_DIR = str(tmp_path)
    env_code = signing._env_code(code)
    monkeypatch.setenv(f"CERTIFICATE_SIGNING_PASSPHRASE_{env_code}", PASSPHRASE)

    def asn1(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    tsa = DummyTimeStamper(
        tsa_cert=asn1(tsa_cert),
        tsa_key=load_private_key_from_pemder_data(
            tsa_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            passphrase=None,
        ),
        certs_to_embed=[asn1(ca)],
    )
    monkeypatch.setattr(signing, "timestamper_for", lambda organisation: tsa)
    return asn1(ca)


def _validate(data: bytes, root):
    reader = PdfFileReader(io.BytesIO(data))
    signature = reader.embedded_signatures[0]
    return validate_pdf_signature(
        signature, ValidationContext(trust_roots=[root], allow_fetching=False)
    )


def _read(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def test_signed_certificate_validates_and_a_changed_byte_breaks_it(test_ca, completion):
    certificate = certificate_issue(completion=completion)
    assert certificate.signed
    data = _read(certificate)
    status = _validate(data, test_ca)
    assert status.intact and status.valid and status.trusted
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.valid

    # Change one byte inside the signed range (the page content, not the
    # signature container) and the signature no longer matches.
    position = data.index(b"/Type /Page") + 2
    tampered = data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]
    broken = _validate(tampered, test_ca)
    assert not broken.intact


def test_without_a_key_the_certificate_is_unsigned(certificate_template, completion):
    certificate = certificate_issue(completion=completion)
    assert not certificate.signed
    assert not PdfFileReader(io.BytesIO(_read(certificate))).embedded_signatures


def test_signing_runs_when_the_caller_runs_an_event_loop():
    """pyHanko's synchronous API calls asyncio.run, which a running loop
    refuses (an ASGI worker, Playwright in the test session): the signature
    is then made in a thread of its own."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from certificates.signing import _outside_event_loop

    async def caller():
        return _outside_event_loop(lambda: asyncio.run(asyncio.sleep(0, result=42)))

    # The caller's own loop runs in a thread of its own too, as the test
    # session's main thread may already run Playwright's.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(lambda: asyncio.run(caller())).result() == 42


def test_an_organisation_code_is_a_key_name_never_a_path(
    tmp_path, settings, two_institutions
):
    # Coordinators edit their organisations' codes: a code that is a path
    # must not reach another institution's key, nor any file elsewhere.
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "90000000002.p12").write_bytes(b"institution B's key")
    (tmp_path / "elsewhere.p12").write_bytes(b"a file of the attacker's choosing")
    settings.CERTIFICATE_SIGNING_DIR = str(keys)
    organisation = two_institutions["inst_a"]
    for code in (
        "./90000000002",
        "../keys/90000000002",
        "../elsewhere",
        str(tmp_path / "elsewhere"),
    ):
        organisation.code = code
        assert signing.key_path(organisation) is None, code
    organisation.code = "90000000002"
    assert signing.key_path(organisation) == keys / "90000000002.p12"
