using Google.Protobuf;
using Onnx;

namespace TargetVision.Testing;

/// <summary>
/// Small ONNX models written by the tests themselves, with CLIP's tensor names and shapes, whose outputs are simple
/// enough to compute by hand: the image model averages each channel and projects the three means with a known
/// matrix; the text model projects the (masked) token ids. No real CLIP weights are reachable from test machines.
/// </summary>
public static class TinyOnnxModels
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <summary>The projection weight of the image model: W[c, d] = sin(c·7 + d + 1) (never all zero).</summary>
    public static float ImageWeight(int channel, int d) => MathF.Sin((channel * 7) + d + 1);

    public static float TextWeight(int position, int d) => MathF.Cos((position * 3) + d + 1) / 1000f;

    /// <summary>
    /// pixel_values [b,3,size,size] → image_embeds [b,dim] (and last_hidden_state [b,3], listed first, so only a
    /// lookup by name finds the embedding). <paramref name="batch"/> 0 means a dynamic batch dimension.
    /// </summary>
    public static byte[] Image(int dimension = 8, int size = 224, string input = "pixel_values", string output = "image_embeds",
        int batch = 0, bool resNetShape = false)
    {
        var graph = new GraphProto { Name = "tiny-image" };
        graph.Input.Add(Value(input, FloatType, batch, 3, size, size));
        graph.Node.Add(Node("GlobalAveragePool", [input], ["pooled"]));
        graph.Node.Add(Node("Flatten", ["pooled"], ["means"], ("axis", 1)));
        graph.Initializer.Add(FloatTensor("W", [3, dimension], (i) => ImageWeight(i / dimension, i % dimension)));
        graph.Initializer.Add(FloatTensor("B", [dimension], _ => 0f));
        if (resNetShape)
        {
            // An image-only CNN's layout: a fixed batch of 1 and a [1, dim, 1, 1] feature map.
            graph.Node.Add(Node("Gemm", ["means", "W", "B"], ["projected"]));
            graph.Initializer.Add(new TensorProto { Name = "shape", DataType = Int64Type, Dims = { 4 }, Int64Data = { 1, dimension, 1, 1 } });
            graph.Node.Add(Node("Reshape", ["projected", "shape"], [output]));
            graph.Output.Add(Value(output, FloatType, 1, dimension, 1, 1));
        }
        else
        {
            graph.Node.Add(Node("Gemm", ["means", "W", "B"], [output]));
            graph.Node.Add(Node("Identity", ["means"], ["last_hidden_state"]));
            graph.Output.Add(Value("last_hidden_state", FloatType, batch, 3));
            graph.Output.Add(Value(output, FloatType, batch, dimension));
        }
        return Model(graph);
    }

    /// <summary>input_ids [b,77] int64 (× attention_mask) → text_embeds [b,dim] = ids · W.</summary>
    public static byte[] Text(int dimension = 8, int context = 77, bool withMask = true, string input = "input_ids", string output = "text_embeds")
    {
        var graph = new GraphProto { Name = "tiny-text" };
        graph.Input.Add(Value(input, Int64Type, 0, context));
        graph.Node.Add(Node("Cast", [input], ["ids"], ("to", FloatType)));
        var source = "ids";
        if (withMask)
        {
            graph.Input.Add(Value("attention_mask", Int64Type, 0, context));
            graph.Node.Add(Node("Cast", ["attention_mask"], ["mask"], ("to", FloatType)));
            graph.Node.Add(Node("Mul", ["ids", "mask"], ["masked"]));
            source = "masked";
        }
        graph.Initializer.Add(FloatTensor("W", [context, dimension], i => TextWeight(i / dimension, i % dimension)));
        graph.Initializer.Add(FloatTensor("B", [dimension], _ => 0f));
        graph.Node.Add(Node("Gemm", [source, "W", "B"], [output]));
        graph.Output.Add(Value(output, FloatType, 0, dimension));
        return Model(graph);
    }

    /// <summary>A projection from every pixel (3·size² × dim): the weight count of a real vision encoder, for sizing.</summary>
    public static byte[] DenseImage(int dimension, int size)
    {
        var graph = new GraphProto { Name = "dense-image" };
        graph.Input.Add(Value("pixel_values", FloatType, 0, 3, size, size));
        graph.Node.Add(Node("Flatten", ["pixel_values"], ["flat"], ("axis", 1)));
        var inputs = 3 * size * size;
        var random = new Random(7);
        var weights = new float[inputs * dimension];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextDouble() - 0.5) / 100f;
        }
        var bytes = new byte[weights.Length * 4];
        Buffer.BlockCopy(weights, 0, bytes, 0, bytes.Length);
        graph.Initializer.Add(new TensorProto { Name = "W", DataType = FloatType, Dims = { inputs, dimension }, RawData = ByteString.CopyFrom(bytes) });
        graph.Node.Add(Node("MatMul", ["flat", "W"], ["image_embeds"]));
        graph.Output.Add(Value("image_embeds", FloatType, 0, dimension));
        return Model(graph);
    }

    private static byte[] Model(GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "TargetVision tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params (string Name, long Value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });
        }
        return node;
    }

    private static TensorProto FloatTensor(string name, long[] dims, Func<int, float> value)
    {
        var tensor = new TensorProto { Name = name, DataType = FloatType };
        tensor.Dims.AddRange(dims);
        var count = (int)dims.Aggregate(1L, (a, d) => a * d);
        for (var i = 0; i < count; i++)
        {
            tensor.FloatData.Add(value(i));
        }
        return tensor;
    }

    /// <summary>A tensor value info; a dimension of 0 is the dynamic batch ("batch").</summary>
    private static ValueInfoProto Value(string name, int type, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d == 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = type, Shape = shape } } };
    }
}
