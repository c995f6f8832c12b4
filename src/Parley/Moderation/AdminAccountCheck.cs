using Microsoft.Extensions.Options;
using Parley.Accounts;

namespace Parley.Moderation;

/// <summary>
/// At start, warns once for every admin nick that has no account yet: until the operator registers it from the machine
/// itself (<see cref="Admins.ReservedFor"/>), nobody moderates as that nick. Runs after the accounts are loaded.
/// </summary>
internal sealed partial class AdminAccountCheck(
    IOptions<ModerationOptions> options, RegisteredAccounts accounts, ILogger<AdminAccountCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var nick in options.Value.Admins.Where(nick => accounts.Find(nick) is null))
        {
            Log.AdminWithoutAccount(logger, nick);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Admin nick {Nick} has no account yet: register it from the server itself (a loopback address) to moderate")]
        public static partial void AdminWithoutAccount(ILogger logger, string nick);
    }
}
