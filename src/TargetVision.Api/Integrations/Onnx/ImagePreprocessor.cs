namespace TargetVision.Api.Integrations.Onnx;

/// <summary>
/// CLIP's image transform, step for step: upright RGB → short side to the input size (bicubic, as Pillow) → centre
/// crop to a square → [0,1] → (x − mean) / std per channel → planar NCHW float32. Squashing the whole image into the
/// square instead of cropping is a known bug of public ports; it shifts embeddings enough to hurt retrieval.
/// </summary>
public sealed class ImagePreprocessor(ModelDescriptor model)
{
    public int Size => model.InputSize;

    /// <summary>Floats one image occupies in the input tensor (3 × size × size).</summary>
    public int TensorLength => 3 * Size * Size;

    /// <summary>torchvision's Resize(int): the short side becomes <paramref name="size"/>, the long side is truncated.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int size) =>
        width <= height ? (size, (int)((double)size * height / width)) : ((int)((double)size * width / height), size);

    /// <summary>torchvision's CenterCrop offsets: Python's round(), which rounds halves to even.</summary>
    public static (int Left, int Top) CropOrigin(int width, int height, int size) =>
        ((int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven), (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven));

    /// <summary>Decodes and transforms one encoded image into <paramref name="destination"/> (length <see cref="TensorLength"/>).</summary>
    public void Preprocess(byte[] encoded, Span<float> destination) => Write(RgbImage.Decode(encoded), destination);

    public float[] Preprocess(byte[] encoded)
    {
        var tensor = new float[TensorLength];
        Preprocess(encoded, tensor);
        return tensor;
    }

    /// <summary>The resize and crop only (8-bit pixels), for inspection and tests.</summary>
    public RgbImage ResizeAndCrop(RgbImage image)
    {
        var (w, h) = ResizedSize(image.Width, image.Height, Size);
        var resized = BicubicResampler.Resize(image, w, h);
        var (left, top) = CropOrigin(w, h, Size);
        var crop = new byte[Size * Size * 3];
        for (var y = 0; y < Size; y++)
        {
            Array.Copy(resized.Pixels, (((top + y) * w) + left) * 3, crop, y * Size * 3, Size * 3);
        }
        return new RgbImage(Size, Size, crop);
    }

    public void Write(RgbImage image, Span<float> destination)
    {
        if (destination.Length != TensorLength)
        {
            throw new ArgumentException($"Destination must hold {TensorLength} floats.", nameof(destination));
        }
        var square = ResizeAndCrop(image);
        var plane = Size * Size;
        for (var c = 0; c < 3; c++)
        {
            var mean = model.EffectiveMean[c];
            var std = model.EffectiveStd[c];
            var channel = destination.Slice(c * plane, plane);
            for (var i = 0; i < plane; i++)
            {
                // float32 throughout, in torchvision's order: divide by 255, subtract the mean, divide by the std.
                channel[i] = ((square.Pixels[(i * 3) + c] / 255f) - mean) / std;
            }
        }
    }
}
