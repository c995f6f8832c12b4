using Microsoft.AspNetCore.DataProtection;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>
/// Loads (or, on a first run, creates and writes) the session keys while the server starts, so the first login does not
/// read or write the disk on a socket thread, and a data folder that cannot hold them stops the start with a reason.
/// </summary>
internal sealed class SessionKeysWarmUp(IDataProtectionProvider protection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            protection.CreateProtector("Parley.WarmUp").Protect([1]);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"the session keys could not be kept in the data folder's keys/ ({failure.Message})", failure);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
