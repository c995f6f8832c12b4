using Parley.Chat;

namespace Parley.Accounts;

internal static class PasswordRules
{
    /// <summary>Checks a password's length before any hashing: a long one would cost the hash time per character.</summary>
    public static Rejection? Check(string? password, AuthOptions auth, string field)
    {
        if (string.IsNullOrEmpty(password) || password.Length < auth.MinPasswordLength)
        {
            return new Rejection(RejectionKind.Invalid, field, $"a password needs at least {auth.MinPasswordLength} characters (setting Parley:Auth:MinPasswordLength)");
        }

        return password.Length > auth.MaxPasswordLength
            ? new Rejection(RejectionKind.Invalid, field, $"a password may have at most {auth.MaxPasswordLength} characters (setting Parley:Auth:MaxPasswordLength)")
            : null;
    }
}
