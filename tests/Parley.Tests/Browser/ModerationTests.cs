using Microsoft.Playwright;
using Parley.Tests.Infrastructure;
using Parley.Tests.Moderation;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>The admin's tools on the page: only an admin has them; a kick reaches the kicked page, a deletion every page.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class ModerationTests(Chromium chromium)
{
    [Fact]
    public async Task An_admin_deletes_a_line_from_every_page_and_kicks_someone_whose_page_says_so_and_stays_away()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        await using var admin = await Person.OpenAsync(chromium, server);
        await admin.RegisterAsync(AdminDesk.Admin, AdminDesk.Password);
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await john.SayAsync("all buy cheap watches");
        await mary.ExpectLineAsync("cheap watches", "broadcast", "all john: buy cheap watches");

        await admin.LineWith("cheap watches").GetByRole(AriaRole.Button, new() { NameRegex = new("^Delete the message john at ") }).ClickAsync();

        await Expect(mary.LineWith("cheap watches")).ToHaveCountAsync(0);
        await Expect(john.LineWith("cheap watches")).ToHaveCountAsync(0);
        await Expect(admin.LineWith("cheap watches")).ToHaveCountAsync(0);

        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Moderate", Exact = true }).ClickAsync();
        var desk = admin.Page.GetByRole(AriaRole.Dialog, new() { Name = "Moderation", Exact = true });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Kick john", Exact = true }).ClickAsync();

        await Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("john was kicked.");
        await Expect(john.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "An admin" }))
            .ToHaveTextAsync("An admin has disconnected you from the chat. Reload the page to come back.");
        await Expect(john.Status).ToHaveTextAsync("disconnected by an admin");
        await mary.ExpectLineAsync("john left", "system", "info john left");
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Kick john", Exact = true })).ToHaveCountAsync(0);
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken); // past the retry hint: no reconnect
        await Expect(john.Status).ToHaveTextAsync("disconnected by an admin");
        Assert.DoesNotContain("\"john\"", await server.CreateClient().GetStringAsync("/api/users/online", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_is_no_admin_has_no_moderation_on_the_page()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.RegisterAsync("mary", AdminDesk.Password);
        await using var impostor = await Person.OpenAsync(chromium, server);
        await impostor.JoinAsync("BOSS");
        await mary.SayAsync("all hello");
        await impostor.ExpectLineAsync("hello", "broadcast", "all mary: hello");

        foreach (var person in new[] { mary, impostor })
        {
            await Expect(person.Page.GetByRole(AriaRole.Button, new() { Name = "Moderate" })).ToHaveCountAsync(0);
            await Expect(person.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
            await Expect(person.Page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Delete") })).ToHaveCountAsync(0);
        }
    }
}
