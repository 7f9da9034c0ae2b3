namespace Vigil.Server.Access;

/// <summary>
/// What a key may do, with Ozone's meanings: an admin does everything; a moderator decides, labels and takes down; triage
/// views and escalates; a client calls the scoring endpoints only. Spelt in lower case in keys, claims and the docs.
/// </summary>
internal enum Role
{
    Admin,
    Moderator,
    Triage,
    Client,
}

internal static class Roles
{
    public const string Admin = "admin";
    public const string Moderator = "moderator";
    public const string Triage = "triage";
    public const string Client = "client";

    public static IReadOnlyList<string> All { get; } = [Admin, Moderator, Triage, Client];

    public static string Name(Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Moderator => Moderator,
        Role.Triage => Triage,
        Role.Client => Client,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string name, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (Name(candidate) != name) continue;
            role = candidate;
            return true;
        }
        role = default;
        return false;
    }
}
