using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using TargetVision.Api.Features.Visual;
using TargetVision.Tests.Search;
using Xunit.Abstractions;

namespace TargetVision.Tests.Visual;

/// <summary>
/// Real weights, offline: the ResNet18 ONNX model shipped in Microsoft.ML.DnnImageFeaturizer.ResNet18 (copied to the
/// test output), described as an image-only model. Near-identical copies of a scene (re-encoded, slightly cropped,
/// brightened) must group as duplicates while different scenes do not, and "similar" must rank a copy first.
/// </summary>
public sealed class RealWeightsTests(RealWeightsTests.ResNetFixture fixture, ITestOutputHelper output) : IClassFixture<RealWeightsTests.ResNetFixture>
{
    public const double Threshold = 0.9;

    public sealed class ResNetFixture : VisualFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Visual:ModelsDirectory"] = Path.Combine(AppContext.BaseDirectory, "DnnImageModels"),
            ["Visual:Model:Id"] = "resnet18-imagenet",
            ["Visual:Model:ImageModel"] = "ResNet18Onnx/ResNet18.onnx",
            ["Visual:Model:TextModel"] = "",
            ["Visual:Model:Dimension"] = "512",
            // torchvision's ImageNet normalisation
            ["Visual:Model:Mean:0"] = "0.485",
            ["Visual:Model:Mean:1"] = "0.456",
            ["Visual:Model:Mean:2"] = "0.406",
            ["Visual:Model:Std:0"] = "0.229",
            ["Visual:Model:Std:1"] = "0.224",
            ["Visual:Model:Std:2"] = "0.225",
            ["Visual:Threads"] = "2",
        };
    }

    /// <summary>Five generated scenes with different layout, colour and texture.</summary>
    private static SKBitmap Scene(int kind)
    {
        var bitmap = new SKBitmap(480, 360);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = true };
        var random = new Random(kind);
        switch (kind)
        {
            case 0: // landscape: sky, hills, sun
                paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 220), [new SKColor(40, 90, 200), new SKColor(230, 240, 255)], SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, 480, 360, paint);
                paint.Shader = null;
                paint.Color = new SKColor(40, 140, 50);
                canvas.DrawOval(120, 330, 300, 140, paint);
                paint.Color = new SKColor(70, 160, 60);
                canvas.DrawOval(400, 350, 260, 120, paint);
                paint.Color = new SKColor(255, 210, 40);
                canvas.DrawCircle(380, 70, 40, paint);
                break;
            case 1: // checkerboard
                for (var y = 0; y < 360; y += 30)
                {
                    for (var x = 0; x < 480; x += 30)
                    {
                        paint.Color = ((x + y) / 30 % 2 == 0) ? SKColors.Black : SKColors.White;
                        canvas.DrawRect(x, y, 30, 30, paint);
                    }
                }
                break;
            case 2: // concentric rings
                canvas.Clear(SKColors.White);
                for (var r = 180; r > 0; r -= 20)
                {
                    paint.Color = r / 20 % 2 == 0 ? new SKColor(220, 30, 30) : new SKColor(250, 160, 40);
                    canvas.DrawCircle(240, 180, r, paint);
                }
                break;
            case 3: // night sky with stars
                canvas.Clear(new SKColor(5, 5, 25));
                paint.Color = SKColors.White;
                for (var i = 0; i < 300; i++)
                {
                    canvas.DrawCircle(random.Next(480), random.Next(360), (float)(random.NextDouble() * 2 + 0.5), paint);
                }
                break;
            default: // coloured diagonal stripes
                for (var i = -360; i < 480; i += 24)
                {
                    paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    paint.StrokeWidth = 24;
                    canvas.DrawLine(i, 0, i + 360, 360, paint);
                }
                break;
        }
        return bitmap;
    }

    private static byte[] Jpeg(SKBitmap bitmap, int quality)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private static SKBitmap Cropped(SKBitmap source, float fraction)
    {
        var dx = (int)(source.Width * fraction);
        var dy = (int)(source.Height * fraction);
        var result = new SKBitmap(source.Width - (2 * dx), source.Height - (2 * dy));
        using var canvas = new SKCanvas(result);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(dx, dy, source.Width - dx, source.Height - dy), new SKRect(0, 0, result.Width, result.Height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), null);
        return result;
    }

    private static SKBitmap Brightened(SKBitmap source, byte add)
    {
        var result = source.Copy();
        for (var y = 0; y < result.Height; y++)
        {
            for (var x = 0; x < result.Width; x++)
            {
                var c = result.GetPixel(x, y);
                result.SetPixel(x, y, new SKColor((byte)Math.Min(255, c.Red + add), (byte)Math.Min(255, c.Green + add), (byte)Math.Min(255, c.Blue + add)));
            }
        }
        return result;
    }

    [Fact]
    public async Task Near_identical_copies_group_as_duplicates_different_scenes_do_not_and_similar_ranks_the_copy_first()
    {
        var model = fixture.App.Services.GetRequiredService<VisualModel>();
        var encoder = model.ImageEncoder();
        output.WriteLine($"ResNet18 tensors: {encoder.Tensors}");

        using var original = Scene(0);
        using var cropped = Cropped(original, 0.04f);
        using var brighter = Brightened(original, 25);
        var files = new List<(string Name, byte[] Bytes)>
        {
            ("landscape", Jpeg(original, 95)),
            ("landscape re-encoded", Jpeg(original, 60)),
            ("landscape cropped", Jpeg(cropped, 90)),
            ("landscape brightened", Jpeg(brighter, 90)),
        };
        for (var kind = 1; kind <= 4; kind++)
        {
            using var scene = Scene(kind);
            files.Add(($"scene {kind}", Jpeg(scene, 90)));
        }

        await using var data = new SearchData(fixture.Database.ConnectionString, embedder: null);
        var album = await data.AlbumAsync("real1", "Real weights");
        var ids = new List<int>();
        var embeddings = new List<float[]>();
        foreach (var (name, bytes) in files)
        {
            var id = await data.PhotoAsync(album, name);
            var vector = encoder.Embed(encoder.Preprocessor.Preprocess(bytes), 1)[0];
            await fixture.EmbedAsync(id, vector, model: model.ModelId);
            ids.Add(id);
            embeddings.Add(vector);
        }
        for (var i = 1; i < files.Count; i++)
        {
            output.WriteLine($"{files[i].Name,-22} cos to original = {embeddings[0].Zip(embeddings[i], (a, b) => (double)a * b).Sum():0.000}");
        }

        using var session = await fixture.OwnerSessionAsync();
        var duplicates = await session.GetJsonAsync($"/api/duplicates?threshold={Threshold}");
        var groups = duplicates.GetProperty("items").EnumerateArray()
            .Select(g => g.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("photoId").GetInt32()).ToArray()).ToList();
        Assert.Equal([ids[0], ids[1], ids[2], ids[3]], Assert.Single(groups));

        var similar = await session.GetJsonAsync($"/api/photos/{ids[0]}/similar?limit=7");
        var ranked = similar.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("photoId").GetInt32()).ToList();
        Assert.Equal(ids[1..4].Order(), ranked.Take(3).Order());
        Assert.True(similar.GetProperty("items")[2].GetProperty("similarity").GetDouble() > similar.GetProperty("items")[3].GetProperty("similarity").GetDouble());
    }
}
