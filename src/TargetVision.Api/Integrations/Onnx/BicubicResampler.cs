namespace TargetVision.Api.Integrations.Onnx;

/// <summary>
/// Bicubic resampling as Pillow does it (Image.resize with BICUBIC, which CLIP's torchvision transform calls): a
/// separable Keys cubic (a = −0.5) whose support widens with the downscale factor (so shrinking averages instead of
/// aliasing), 22-bit fixed-point weights, a horizontal pass rounded to 8 bits, then the vertical pass. GPU/Skia cubic
/// samplers do not widen the kernel and give visibly different pixels at CLIP's typical 3–10× reductions.
/// </summary>
public static class BicubicResampler
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 2.0;

    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == source.Width && height == source.Height)
        {
            return source;
        }
        var image = source;
        if (width != image.Width)
        {
            image = Horizontal(image, width);
        }
        if (height != image.Height)
        {
            image = Vertical(image, height);
        }
        return image;
    }

    /// <summary>The Keys cubic convolution kernel with a = −0.5.</summary>
    public static double Kernel(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        return x < 1.0 ? (((a + 2.0) * x) - (a + 3.0)) * x * x + 1.0
            : x < 2.0 ? ((((x - 5.0) * x) + 8.0) * x - 4.0) * a
            : 0.0;
    }

    /// <summary>For each output index: the first input index, the count, and the fixed-point weights.</summary>
    public static (int[] Start, int[] Count, int[] Weights, int KernelSize) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var kernelSize = ((int)Math.Ceiling(support) * 2) + 1;
        var start = new int[outSize];
        var count = new int[outSize];
        var weights = new int[outSize * kernelSize];
        var k = new double[kernelSize];
        for (var o = 0; o < outSize; o++)
        {
            var center = (o + 0.5) * scale;
            // C casts truncate toward zero; negatives are clamped to 0 anyway.
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), inSize) - min;
            var sum = 0.0;
            for (var i = 0; i < max; i++)
            {
                k[i] = Kernel((i + min - center + 0.5) / filterScale);
                sum += k[i];
            }
            for (var i = 0; i < max; i++)
            {
                var w = sum != 0.0 ? k[i] / sum : k[i];
                weights[(o * kernelSize) + i] = w < 0 ? (int)(-0.5 + (w * (1 << PrecisionBits))) : (int)(0.5 + (w * (1 << PrecisionBits)));
            }
            start[o] = min;
            count[o] = max;
        }
        return (start, count, weights, kernelSize);
    }

    private static byte Clip8(int value) =>
        value >= (1 << PrecisionBits << 8) ? (byte)255 : value <= 0 ? (byte)0 : (byte)(value >> PrecisionBits);

    private static RgbImage Horizontal(RgbImage source, int width)
    {
        var (start, count, weights, kernelSize) = Coefficients(source.Width, width);
        var src = source.Pixels;
        var dst = new byte[width * source.Height * 3];
        for (var y = 0; y < source.Height; y++)
        {
            var row = y * source.Width * 3;
            for (var x = 0; x < width; x++)
            {
                int r = 1 << (PrecisionBits - 1), g = r, b = r;
                for (var i = 0; i < count[x]; i++)
                {
                    var w = weights[(x * kernelSize) + i];
                    var s = row + ((start[x] + i) * 3);
                    r += src[s] * w;
                    g += src[s + 1] * w;
                    b += src[s + 2] * w;
                }
                var d = ((y * width) + x) * 3;
                dst[d] = Clip8(r);
                dst[d + 1] = Clip8(g);
                dst[d + 2] = Clip8(b);
            }
        }
        return new RgbImage(width, source.Height, dst);
    }

    private static RgbImage Vertical(RgbImage source, int height)
    {
        var (start, count, weights, kernelSize) = Coefficients(source.Height, height);
        var src = source.Pixels;
        var stride = source.Width * 3;
        var dst = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < stride; x++)
            {
                var sum = 1 << (PrecisionBits - 1);
                for (var i = 0; i < count[y]; i++)
                {
                    sum += src[((start[y] + i) * stride) + x] * weights[(y * kernelSize) + i];
                }
                dst[(y * stride) + x] = Clip8(sum);
            }
        }
        return new RgbImage(source.Width, height, dst);
    }
}
