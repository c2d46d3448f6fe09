namespace FakeSmugMug.Model;

/// <summary>
/// Named dominant colours of generated images, chosen from everyday colour words so that fake AI servers can
/// "describe" an image from its key and tests can assert on the words.
/// </summary>
public enum PaletteColor
{
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    Pink,
    Brown,
    Black,
    White,
    Gray,
}
