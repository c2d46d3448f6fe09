using FakeSmugMug.Model;
using FakeSmugMug.Seeds;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Security;

/// <summary>
/// The small library with SmugMug data a reviewer or an attacker could put there: control characters in names,
/// titles, captions and keywords, <c>javascript:</c> links, and a photo the photo host serves as script-bearing SVG.
/// </summary>
public sealed class HostileSmugMugFixture : SmugMugFixture
{
    public const string SvgBody = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>parent.pwned=1</script></svg>";

    public string HostileAlbumKey { get; private set; } = "";
    public string HostileImageKey { get; private set; } = "";
    public string SvgImageKey { get; private set; } = "";

    protected override FakeLibrary CreateLibrary()
    {
        var lib = LibrarySeeds.Small();
        var album = lib.FindAlbumByName("Vermont 2019")!;
        album.Name = "Vermont\u0000 2019\u0007";
        album.WebUriOverride = "javascript:alert(document.cookie)";
        var image = album.Images[0];
        image.Title = "Red\u0000 barn";
        image.Caption = "Line one\nline two\u0000\u001b";
        image.Keywords.Add("fo\u0000liage");
        image.WebUriOverride = "JaVaScRiPt:alert(1)";
        var svg = album.Images[1];
        svg.ServedAs = ("image/svg+xml", System.Text.Encoding.UTF8.GetBytes(SvgBody));
        HostileAlbumKey = album.AlbumKey;
        HostileImageKey = image.ImageKey;
        SvgImageKey = svg.ImageKey;
        return lib;
    }
}
