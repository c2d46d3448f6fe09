using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Tests.Visual;

/// <summary>CLIP's image transform, pixel for pixel, on small images whose expected output is known.</summary>
public sealed class PreprocessingTests
{
    private static readonly ModelDescriptor Clip = new();
    private static readonly ImagePreprocessor Pre = new(Clip);

    [Theory]
    [InlineData(224, 448, 224, 448)] // portrait already at size: untouched
    [InlineData(640, 480, 298, 224)] // landscape: 224·640/480 = 298.67 truncates
    [InlineData(480, 640, 224, 298)]
    [InlineData(10, 5, 448, 224)]    // tiny: upscaled
    [InlineData(3, 1000, 224, 74666)]
    [InlineData(300, 300, 224, 224)]
    public void Short_side_becomes_the_input_size_and_the_long_side_is_truncated(int w, int h, int ew, int eh) =>
        Assert.Equal((ew, eh), ImagePreprocessor.ResizedSize(w, h, 224));

    [Theory]
    [InlineData(298, 224, 37, 0)]  // (298−224)/2 = 37
    [InlineData(225, 224, 0, 0)]   // 0.5 rounds to even: 0
    [InlineData(227, 224, 2, 0)]   // 1.5 rounds to even: 2
    [InlineData(224, 448, 0, 112)]
    public void Centre_crop_uses_pythons_round(int w, int h, int left, int top) =>
        Assert.Equal((left, top), ImagePreprocessor.CropOrigin(w, h, 224));

    [Fact]
    public void A_portrait_at_input_width_is_cropped_not_squashed()
    {
        var image = TestImages.PatternImage(224, 448);
        var square = Pre.ResizeAndCrop(RgbImage.Decode(TestImages.Png(image)));
        for (var y = 0; y < 224; y += 17)
        {
            for (var x = 0; x < 224; x += 13)
            {
                var (r, g, b) = TestImages.Pattern(x, y + 112);
                Assert.Equal([r, g, b], new[] { square[x, y, 0], square[x, y, 1], square[x, y, 2] });
            }
        }
    }

    [Fact]
    public void A_landscape_keeps_its_centre_columns()
    {
        var image = TestImages.PatternImage(300, 224);
        var square = Pre.ResizeAndCrop(image);
        var (left, _) = ImagePreprocessor.CropOrigin(300, 224, 224);
        Assert.Equal(38, left);
        for (var x = 0; x < 224; x += 7)
        {
            var (r, g, b) = TestImages.Pattern(x + left, 100);
            Assert.Equal([r, g, b], new[] { square[x, 100, 0], square[x, 100, 1], square[x, 100, 2] });
        }
    }

    [Fact]
    public void Normalisation_is_scale_then_mean_then_std_in_planar_channels()
    {
        var image = TestImages.PatternImage(224, 224);
        var tensor = Pre.Preprocess(TestImages.Png(image));
        Assert.Equal(3 * 224 * 224, tensor.Length);
        foreach (var (x, y) in new[] { (0, 0), (5, 9), (223, 223), (100, 37) })
        {
            var (r, g, b) = TestImages.Pattern(x, y);
            var i = (y * 224) + x;
            Assert.Equal(((r / 255f) - Clip.EffectiveMean[0]) / Clip.EffectiveStd[0], tensor[i]);
            Assert.Equal(((g / 255f) - Clip.EffectiveMean[1]) / Clip.EffectiveStd[1], tensor[(224 * 224) + i]);
            Assert.Equal(((b / 255f) - Clip.EffectiveMean[2]) / Clip.EffectiveStd[2], tensor[(2 * 224 * 224) + i]);
        }
    }

    [Fact]
    public void A_constant_image_stays_constant_at_any_scale()
    {
        foreach (var (w, h) in new[] { (3, 2), (900, 700), (50, 400) })
        {
            var pixels = new byte[w * h * 3];
            for (var i = 0; i < pixels.Length; i += 3)
            {
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (200, 17, 99);
            }
            var square = Pre.ResizeAndCrop(new RgbImage(w, h, pixels));
            Assert.All(Enumerable.Range(0, 224 * 224), i => Assert.Equal([200, 17, 99], new[] { square.Pixels[i * 3], square.Pixels[(i * 3) + 1], square.Pixels[(i * 3) + 2] }));
        }
    }

    [Fact]
    public void Bicubic_downscale_widens_the_kernel_and_matches_an_independent_reference()
    {
        // 1-D reference in doubles straight from the definition (Keys a = −0.5, support 2 × scale, normalised).
        var image = TestImages.PatternImage(37, 3);
        var resized = BicubicResampler.Resize(image, 10, 3);
        var scale = 37 / 10.0;
        for (var x = 0; x < 10; x++)
        {
            var center = (x + 0.5) * scale;
            var lo = Math.Max((int)(center - (2 * scale) + 0.5), 0);
            var hi = Math.Min((int)(center + (2 * scale) + 0.5), 37);
            var weights = Enumerable.Range(lo, hi - lo).Select(i => BicubicResampler.Kernel((i - center + 0.5) / scale)).ToArray();
            Assert.True(weights.Length > 8, "the kernel must widen when shrinking (antialiasing)");
            for (var c = 0; c < 3; c++)
            {
                var value = weights.Select((w, k) => w * image[lo + k, 1, c]).Sum() / weights.Sum();
                var expected = (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, 255);
                // Pillow's 22-bit fixed-point weights may land one step away from the exact double result.
                Assert.InRange(resized[x, 1, c], expected - 1, expected + 1);
            }
        }
    }

    [Fact]
    public void Bicubic_upscale_of_a_step_overshoots_like_pillow()
    {
        // A black|white step upscaled 2×: Keys' negative lobe makes ringing next to the edge, clipped to 0..255.
        var pixels = new byte[4 * 1 * 3];
        for (var i = 6; i < 12; i++)
        {
            pixels[i] = 255;
        }
        var up = BicubicResampler.Resize(new RgbImage(4, 1, pixels), 8, 1);
        var row = Enumerable.Range(0, 8).Select(x => (int)up[x, 0, 0]).ToArray();
        // Output 3 (centre 1.75): weights at distances 1.25, 0.25, 0.75, 1.75 are −0.0703, 0.8672, 0.2266, −0.0234
        // → 255 · (0.2266 − 0.0234) = 51.8 → 52; output 1 rings below zero (−5.6) and output 5 above 255 (272.5).
        Assert.Equal([0, 0, 0, 52, 203, 255, 255, 255], row);
    }

    [Fact]
    public void Exif_orientation_is_applied_before_anything_else()
    {
        var stored = TestImages.Jpeg(TestImages.PatternImage(40, 24), quality: 100);
        var raw = RgbImage.Decode(stored);
        Assert.Equal((40, 24), (raw.Width, raw.Height));
        foreach (var orientation in Enumerable.Range(1, 8))
        {
            var oriented = RgbImage.Decode(TestImages.WithExifOrientation(stored, orientation));
            var rotated = orientation >= 5;
            Assert.Equal(rotated ? (24, 40) : (40, 24), (oriented.Width, oriented.Height));
            for (var y = 0; y < oriented.Height; y++)
            {
                for (var x = 0; x < oriented.Width; x++)
                {
                    var (sx, sy) = orientation switch
                    {
                        2 => (39 - x, y),
                        3 => (39 - x, 23 - y),
                        4 => (x, 23 - y),
                        5 => (y, x),
                        6 => (y, 23 - x),
                        7 => (39 - y, 23 - x),
                        8 => (39 - y, x),
                        _ => (x, y),
                    };
                    Assert.Equal(raw[sx, sy, 0], oriented[x, y, 0]);
                    Assert.Equal(raw[sx, sy, 2], oriented[x, y, 2]);
                }
            }
        }
    }

    [Fact]
    public void A_rotated_photo_is_cropped_in_its_upright_frame()
    {
        // Stored landscape 448×224 with orientation 6 (rotate 90° clockwise) is upright portrait 224×448.
        var stored = TestImages.Jpeg(TestImages.PatternImage(448, 224), quality: 100);
        var upright = RgbImage.Decode(TestImages.WithExifOrientation(stored, 6));
        Assert.Equal((224, 448), (upright.Width, upright.Height));
        var square = Pre.ResizeAndCrop(upright);
        Assert.Equal(upright[10, 112 + 50, 1], square[10, 50, 1]);
    }

    [Fact]
    public void Grey_images_become_three_equal_channels()
    {
        var png = TestImages.GreyPng(224, 224, (x, y) => (byte)((x + y) % 256));
        var image = RgbImage.Decode(png);
        Assert.Equal(((byte)30, (byte)30, (byte)30), (image[10, 20, 0], image[10, 20, 1], image[10, 20, 2]));
        var tensor = Pre.Preprocess(png);
        var i = (20 * 224) + 10;
        Assert.Equal(((30 / 255f) - Clip.EffectiveMean[0]) / Clip.EffectiveStd[0], tensor[i]);
        Assert.Equal(((30 / 255f) - Clip.EffectiveMean[2]) / Clip.EffectiveStd[2], tensor[(2 * 224 * 224) + i]);
    }

    [Fact]
    public void Adobe_cmyk_jpegs_become_rgb_as_pillow_converts_them()
    {
        // Visual/Fixtures/cmyk-adobe.jpg: 16×8, written by libjpeg-turbo 2.1.5 (JCS_CMYK, quality 100, 1×1
        // sampling, its default Adobe APP14 marker) from Adobe-inverted samples (255 = no ink): the left 8×8 block is
        // C0 M255 Y255 K0 (stored 255,0,0,255), the right C200 M50 Y0 K100 (stored 55,205,255,155). Pillow reads an
        // Adobe CMYK JPEG as "CMYK;I" and its convert("RGB") gives each channel (255 − ink)·(255 − K)/255, rounded as
        // its MULDIV255 does: red (255, 0, 0) and (33, 125, 155).
        var jpeg = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Visual", "Fixtures", "cmyk-adobe.jpg"));
        var image = RgbImage.Decode(jpeg);
        Assert.Equal((16, 8), (image.Width, image.Height));
        foreach (var (x, y) in new[] { (0, 0), (7, 7), (3, 4) })
        {
            AssertNear((255, 0, 0), image, x, y);
            AssertNear((33, 125, 155), image, x + 8, y);
        }

        // Through the whole preprocessing: the 8×8 red block fills the left half of the 224 crop after the resize.
        var tensor = Pre.Preprocess(jpeg);
        var red = ((image[2, 4, 0] / 255f) - Clip.EffectiveMean[0]) / Clip.EffectiveStd[0];
        Assert.Equal(red, tensor[(100 * 224) + 20], 3);
    }

    private static void AssertNear((int R, int G, int B) expected, RgbImage image, int x, int y)
    {
        // Quality 100 with flat 8×8 blocks: only the DCT's rounding can move a value, by one or two steps.
        var actual = (R: (int)image[x, y, 0], G: (int)image[x, y, 1], B: (int)image[x, y, 2]);
        Assert.True(Math.Abs(actual.R - expected.R) <= 2 && Math.Abs(actual.G - expected.G) <= 2 && Math.Abs(actual.B - expected.B) <= 2,
            $"pixel ({x},{y}) is {actual}, expected {expected} ± 2");
    }

    [Fact]
    public void Alpha_is_dropped_without_compositing()
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(2, 1, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, new SkiaSharp.SKColor(200, 100, 50, 0));
        bitmap.SetPixel(1, 0, new SkiaSharp.SKColor(10, 20, 30, 128));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var image = RgbImage.Decode(data.ToArray());
        Assert.Equal([200, 100, 50, 10, 20, 30], image.Pixels);
    }

    [Fact]
    public void Non_images_are_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode("not an image"u8.ToArray()));
        Assert.Contains("JPEG", error.Message);
    }
}
