//! `wss://`: a certificate generated at start for 127.0.0.1 and localhost, valid for this run
//! only. Chromium and Firefox are told to accept it in tests alone (`acceptInsecureCerts`);
//! WebKit, which the test runner drives without capabilities, trusts it only if it is added to
//! the system's trust store (`cargo xtask test` does so in CI, from the PEM written here).

use std::io;
use std::sync::Arc;

use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The acceptor for this run's certificate, written to `cert_out` as PEM if given.
pub fn acceptor(cert_out: Option<&std::path::Path>) -> io::Result<TlsAcceptor> {
    let names = vec!["127.0.0.1".to_owned(), "localhost".to_owned()];
    let generated = rcgen::generate_simple_self_signed(names).map_err(io::Error::other)?;
    if let Some(path) = cert_out {
        std::fs::write(path, generated.cert.pem())?;
    }
    let certificate = CertificateDer::from(generated.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(generated.signing_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![certificate], key)
        .map_err(io::Error::other)?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}
