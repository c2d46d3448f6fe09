using System.Security.Cryptography;

namespace FakeAi.Hosting;

/// <summary>Identifiers shaped like the providers' (prefix plus base62), random because real ones are.</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    internal static string New(string prefix, int length = 24) =>
        prefix + RandomNumberGenerator.GetString(Alphabet, length);
}
