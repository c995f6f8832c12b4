using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Parley.Redis;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>With <c>--store redis</c>, reads the shared key ring (<see cref="RedisKeyRing"/>) before the keys are first used.</summary>
internal sealed class SessionKeysInRedis(IOptions<StoreOptions> store, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.Value.Kind == StoreKind.Redis
        ? services.GetRequiredService<RedisKeyRing>().StartAsync(
            () => services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.WarmUp").Protect([1]), cancellationToken)
        : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        store.Value.Kind == StoreKind.Redis ? services.GetRequiredService<RedisKeyRing>().StopAsync(cancellationToken) : Task.CompletedTask;
}
