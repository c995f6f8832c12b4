using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Tests.Hosting;

/// <summary>
/// A self-signed server certificate for localhost, 127.0.0.1 and ::1, made for one test and written to a temporary
/// folder in the two forms Kestrel's configuration reads: a PEM certificate with its PEM key, and a password-protected
/// PFX. Clients trust exactly this certificate (<see cref="TrustOnly"/>), nothing else and not everything.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    public const string PfxPassword = "parley-test-pfx";

    private readonly string _folder;

    private TestCertificate(X509Certificate2 certificate, string folder)
    {
        Certificate = certificate;
        _folder = folder;
    }

    public X509Certificate2 Certificate { get; }

    public string PemPath => Path.Combine(_folder, "parley.crt");

    public string KeyPath => Path.Combine(_folder, "parley.key");

    public string PfxPath => Path.Combine(_folder, "parley.pfx");

    public static TestCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication

        // Back-dated a little: the test machine's clock and the certificate's start need not agree to the second.
        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var folder = Directory.CreateTempSubdirectory("parley-tls-").FullName;
        File.WriteAllText(Path.Combine(folder, "parley.crt"), made.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "parley.key"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Path.Combine(folder, "parley.pfx"), made.Export(X509ContentType.Pkcs12, PfxPassword));

        // The public part only: what a client pins.
        return new TestCertificate(X509CertificateLoader.LoadCertificate(made.RawData), folder);
    }

    /// <summary>
    /// TLS settings for a client that trusts this certificate as its only root, with the usual checks of name, dates and
    /// usage: a different certificate, or this one for another name, fails the handshake.
    /// </summary>
    public SslClientAuthenticationOptions TrustOnly() => new()
    {
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { Certificate },
            RevocationMode = X509RevocationMode.NoCheck, // a self-signed certificate has nobody to ask
        },
    };

    public void Dispose()
    {
        Certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
