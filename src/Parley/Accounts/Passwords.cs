using Microsoft.AspNetCore.Identity;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with
/// HMAC-SHA512, 100,000 rounds, a random salt per hash). A hash costs tens of milliseconds of CPU by design, so it runs
/// on the thread pool, never on the socket thread that took the request, and at most one per core at a time: a burst
/// of logins queues here instead of taking every thread from the streams.
/// </summary>
public sealed class Passwords : IDisposable
{
    private readonly PasswordHasher<string> _hasher = new();
    private readonly SemaphoreSlim _cores = new(Environment.ProcessorCount);

    // 16 per core: a second or so of hashing waits, no more.
    private readonly int _maxWaiting = 16 * Environment.ProcessorCount;
    private int _waiting;

    // Checked when a nick has no account, so a wrong nick costs the same time as a wrong password.
    private readonly Lazy<string> _decoy;

    public Passwords() => _decoy = new Lazy<string>(() => _hasher.HashPassword(string.Empty, ChatSession.NewId()));

    public Task<string> HashAsync(string password) => RunAsync(() => _hasher.HashPassword(string.Empty, password));

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>; with no hash, spends the same time and says no.</summary>
    public Task<bool> VerifyAsync(string? hash, string password) => RunAsync(() =>
        _hasher.VerifyHashedPassword(string.Empty, hash ?? _decoy.Value, password) != PasswordVerificationResult.Failed && hash is not null);

    public void Dispose() => _cores.Dispose();

    private async Task<T> RunAsync<T>(Func<T> work)
    {
        // A bounded queue, like every other here: past it a login is refused at once (503) instead of waiting in line.
        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            throw new StoreUnavailableException("too many passwords are being checked at once; try again in a moment");
        }

        try
        {
            return await RunOnACoreAsync(work);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async Task<T> RunOnACoreAsync<T>(Func<T> work)
    {
        await _cores.WaitAsync();
        try
        {
            return await Task.Run(work);
        }
        finally
        {
            _cores.Release();
        }
    }
}
