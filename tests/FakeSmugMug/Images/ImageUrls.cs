using FakeSmugMug.Model;

namespace FakeSmugMug.Images;

/// <summary>
/// Media URLs in SmugMug's shape <c>/photos/i-KEY/SERIAL/SIZE/i-KEY-SIZE.jpg</c>; the serial segment makes a
/// replaced file get new URLs, as on the real photo host.
/// </summary>
public static class ImageUrls
{
    public const string PathPrefix = "/photos/";

    public static string Template(string baseUrl, FakeImage i) =>
        $"{baseUrl}{PathPrefix}i-{i.ImageKey}/{i.Serial}/#size#/i-{i.ImageKey}-#size#.jpg";

    public static string Url(string baseUrl, FakeImage i, string sizeCode) =>
        Template(baseUrl, i).Replace("#size#", sizeCode, StringComparison.Ordinal);
}
