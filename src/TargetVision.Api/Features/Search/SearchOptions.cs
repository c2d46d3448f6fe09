namespace TargetVision.Api.Features.Search;

/// <summary>Knobs of search (section "Search"). Defaults are tuned on the relevance fixture and the benchmark.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Built-in PostgreSQL text search configuration whose stemming is used (english, french, german, simple…).</summary>
    public string TextSearchConfiguration { get; set; } = "english";

    /// <summary>The k of Reciprocal Rank Fusion: Σ weight / (k + rank).</summary>
    public int RrfK { get; set; } = 60;

    public SignalWeights Weights { get; set; } = new();

    /// <summary>How many top candidates the full-text signals contribute to the fusion (with <see cref="VectorCandidates"/>, the result cap of a query).</summary>
    public int CandidatesPerSignal { get; set; } = 200;

    /// <summary>
    /// How many top candidates each vector signal (semantic, visual) contributes. Under a filter an HNSW walk costs in
    /// proportion to it (it visits about this many ÷ the filter's selectivity candidates). 100 is two pages of the
    /// closest photos by meaning or picture; further down a vector signal ranks photos a real query is barely similar
    /// to (a matching description scores ≈ 0.57 with MiniLM, unrelated ones ≈ 0.1), and words still reach up to
    /// <see cref="CandidatesPerSignal"/>. At 100k photos under a one-year filter the hybrid p95 was 33 ms at 200 and
    /// 26–27 ms at 100 (23 ms with the quantised ranking of <see cref="QuantizedScanBelow"/>).
    /// </summary>
    public int VectorCandidates { get; set; } = 100;

    /// <summary>
    /// A vector signal under a capture-date filter that keeps fewer embedding rows than this ranks them by their
    /// binary-quantised vectors in the date index and re-ranks the closest by exact distance, instead of walking the
    /// HNSW graph past the rows the filter drops (migration VectorIndexesAtScale). 0 always walks the graph.
    /// </summary>
    public int QuantizedScanBelow { get; set; } = 20_000;

    /// <summary>
    /// How many candidates per result the quantised ranking passes to the exact re-ranking (× <see cref="VectorCandidates"/>).
    /// One bit per dimension orders near-equidistant photos only roughly: at 100k under a one-year filter, 3 kept
    /// 0.92 of a vague query's exact top ten, 5 kept 0.96–1.00 (7.4 vs 8.2 ms), 10 kept 0.99–1.00 but cost as much as
    /// the graph walk.
    /// </summary>
    public int QuantizedOversampling { get; set; } = 5;

    /// <summary>
    /// hnsw.ef_search for vector signals; iterative scans go further when filters discard candidates. With the graphs
    /// built at m 24 / ef_construction 400, 100 gives recall@10 of 0.96–1.00 against exact search at 100k photos
    /// at 20–30× its speed (docs/performance.md, "Search").
    /// </summary>
    public int EfSearch { get; set; } = 100;

    /// <summary>
    /// Run the signals of a multi-signal query (hybrid) at the same time, each on its own pooled connection, then fuse
    /// them in one more statement; off runs everything as one statement on one connection.
    /// </summary>
    public bool ParallelSignals { get; set; } = true;

    /// <summary>Semantic candidates less similar than this (cosine) are noise, not matches, and are dropped.</summary>
    public double SemanticMinSimilarity { get; set; } = 0.2;

    /// <summary>The typo fallback runs when full text finds fewer photos than this.</summary>
    public int TypoFallbackBelow { get; set; } = 5;

    /// <summary>pg_trgm word similarity a query word needs to a word of the titles/keywords/album names to stand for it.</summary>
    public double TypoSimilarity { get; set; } = 0.5;

}

/// <summary>RRF weight per signal; a signal that is absent contributes nothing whatever its weight.</summary>
public sealed class SignalWeights
{
    public double Text { get; set; } = 1.0;

    /// <summary>Trigram matches are guesses, so they count less than real full-text matches.</summary>
    public double Typo { get; set; } = 0.5;

    public double Semantic { get; set; } = 1.0;

    public double Visual { get; set; } = 1.0;
}
