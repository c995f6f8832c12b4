using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;

namespace Parley.Tests.Infrastructure;

internal static class ServerSends
{
    /// <summary>Sends as both protocols' endpoints do, past HTTP: the rules, the store's commit, then the fan-out.</summary>
    public static Task<SendResult> SendAsync(this ParleyServer server, string from, string to, string text) =>
        server.Services.GetRequiredService<MessageIntake>().SendAsync(from, to, text);
}
