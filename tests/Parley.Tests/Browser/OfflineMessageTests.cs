using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>A message to someone who is not there waits for them.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class OfflineMessageTests(Chromium chromium)
{
    [Fact]
    public async Task A_message_to_someone_offline_is_shown_to_them_as_waiting_when_they_log_in()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");

        await john.SayAsync("mary see you at noon");
        await john.ExpectLineAsync(
            "see you at noon", "direct-out", "private to mary: see you at noon (offline — delivered when they come back)");

        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await mary.ExpectLineAsync("see you at noon", "direct-in", "private from john: see you at noon (while you were away)");
        await Expect(mary.Lines).ToHaveCountAsync(2); // the welcome and the waiting message, once
    }
}
