using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>Model ids the fake recognises, with the embedding sizes the real models produce.</summary>
internal static class OpenAiModels
{
    internal static readonly Dictionary<string, int> EmbeddingDimensions = new(StringComparer.Ordinal)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
    };

    internal static readonly string[] ChatModels = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini"];

    internal static IEnumerable<string> All => ChatModels.Concat(EmbeddingDimensions.Keys);

    internal static bool IsChatModel(string model) =>
        model.StartsWith("gpt-", StringComparison.Ordinal) || model.StartsWith("chatgpt-", StringComparison.Ordinal)
        || (model.Length > 1 && model[0] == 'o' && char.IsDigit(model[1]));

    internal static void EnsureKnown(string model)
    {
        if (!IsChatModel(model) && !EmbeddingDimensions.ContainsKey(model))
        {
            throw NotFound(model);
        }
    }

    internal static FakeApiException NotFound(string model) =>
        new(404, "invalid_request_error", $"The model `{model}` does not exist or you do not have access to it.", code: "model_not_found");
}
