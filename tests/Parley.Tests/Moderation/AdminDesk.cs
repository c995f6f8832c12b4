using System.Net.Http.Json;
using Parley.Tests.Accounts;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Moderation;

/// <summary>A server whose admin is the account <c>boss</c>, and that admin's browser, logged in.</summary>
internal static class AdminDesk
{
    public const string Admin = "boss";
    public const string Password = "correct horse";

    /// <summary>The setting that names <see cref="Admin"/> an admin, with <paramref name="more"/> on top.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Parley:Moderation:Admins:0"] = Admin };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Registers <see cref="Admin"/> on <paramref name="server"/> (or logs in, once registered) and returns the admin's browser.</summary>
    public static async Task<Visitor> LogInAsync(ParleyServer server, bool register = true)
    {
        var admin = Visitor.To(server);
        var (status, body) = await Visitor.ReadAsync(register ? admin.RegisterAsync(Admin, Password) : admin.LogInAsync(Admin, Password));
        Assert.True(status is 200 or 201, $"{status}: {body}");
        return admin;
    }

    public static Task<HttpResponseMessage> KickAsync(this Visitor admin, string nick) => admin.PostAsync("/api/admin/kicks", new { nick });

    public static Task<HttpResponseMessage> BanNickAsync(this Visitor admin, string nick, int minutes) =>
        admin.PostAsync("/api/admin/bans", new { nick, minutes });

    public static Task<HttpResponseMessage> BanAddressAsync(this Visitor admin, string address, int minutes) =>
        admin.PostAsync("/api/admin/bans", new { address, minutes });

    /// <summary>Bans and returns the new ban's id.</summary>
    public static async Task<long> BanAsync(this Visitor admin, object ban)
    {
        using var response = await admin.PostAsync("/api/admin/bans", ban);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == 201, $"{(int)response.StatusCode}: {body}");
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>A client whose requests come from <paramref name="address"/>, as a proxy listed in KnownProxies says (see <see cref="BehindProxy"/>).</summary>
    public static HttpClient ClientFrom(ParleyServer server, string address)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>Settings that believe X-Forwarded-For from the loopback, so test clients can come from addresses of their own.</summary>
    public static Dictionary<string, string?> BehindProxy(IDictionary<string, string?>? more = null)
    {
        var settings = Settings(more);
        settings["Parley:Security:KnownProxies:0"] = "127.0.0.1";
        return settings;
    }
}
