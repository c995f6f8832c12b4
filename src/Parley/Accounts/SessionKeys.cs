using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Parley.Redis;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>
/// Where the keys that seal session cookies live: <c>keys/</c> in the data folder (readable by the server's user only),
/// so a restart keeps every session; in memory for <c>--store memory</c>, which keeps nothing else across a restart either;
/// in Redis for <c>--store redis</c>, so that every node opens the cookies every other node sealed.
/// </summary>
internal sealed class SessionKeys(IOptions<StoreOptions> store, IServiceProvider services, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        if (store.Value.Kind == StoreKind.Redis)
        {
            options.XmlRepository = services.GetRequiredService<RedisKeyRing>();
            return;
        }

        if (store.Value.Kind == StoreKind.Memory)
        {
            options.XmlRepository = new InMemoryKeys();
            return;
        }

        var folder = Path.Combine(Path.GetFullPath(store.Value.DataDir), "keys");
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
    }

    private sealed class InMemoryKeys : IXmlRepository
    {
        private readonly List<XElement> _elements = [];
        private readonly Lock _gate = new();

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_gate)
            {
                return [.. _elements.Select(element => new XElement(element))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_gate)
            {
                _elements.Add(new XElement(element));
            }
        }
    }
}
