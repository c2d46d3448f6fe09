namespace FakeAi;

internal enum CallKind
{
    Generation,
    Embedding,
    Other,
}
