namespace TargetVision.Api.Features.Processing;

/// <summary>An optional instruction a template can add (count people, note smiles, say when nobody is there).</summary>
public sealed record PromptOption(string Id, string Label, string Text);

/// <summary>A ready-made prompt the user can start from.</summary>
public sealed record PromptTemplate(string Id, string Name, string Summary, string Text, IReadOnlyList<PromptOption> Options);

/// <summary>
/// The built-in default and the four templates. The output format is fixed by the structured-output schema, so a
/// prompt only steers what to look at and how to write.
/// </summary>
public static class PromptTemplates
{
    public const string DefaultName = "Default";

    public const string DefaultText =
        "Describe this photograph in 2 to 5 sentences: the main subjects and what they are doing, the setting, the " +
        "mood and lighting, notable objects, and any clearly readable text. Then give 5 to 20 short lower-case " +
        "keywords someone might type to find this photo. Say how many people are visible (0 if none). Do not guess " +
        "camera settings, dates, or who took the photo.";

    public static readonly IReadOnlyList<PromptOption> PeopleOptions =
    [
        new("people", "Count people", "Count the people who are clearly visible and mention them in the description."),
        new("smiling", "Note smiles", "If there are people, say whether they are smiling."),
        new("no_people", "Say when nobody is there", "If there are no people in the photo, say so explicitly in the description."),
    ];

    public static readonly IReadOnlyList<PromptTemplate> All =
    [
        new("detailed", "Detailed", "Thorough descriptions for the best search results.",
            "Describe this photograph in 4 to 5 sentences: every main subject and what it is doing, the setting and " +
            "time of day if evident, the mood, lighting and colours, notable objects in the foreground and " +
            "background, and any readable text. Give 10 to 20 lower-case keywords covering subjects, objects, " +
            "setting, colours and mood.", PeopleOptions),
        new("concise", "Concise", "Short descriptions, fewer tokens, lower cost.",
            "Describe this photograph in 2 sentences: the main subject and the setting. Give 5 to 10 lower-case " +
            "keywords.", PeopleOptions),
        new("artistic", "Artistic", "Composition, light and mood, for a photographer's portfolio.",
            "Describe this photograph in 3 to 5 sentences as a photo editor would: the subject, composition and " +
            "framing, quality and direction of light, colour palette and the mood it creates. Give 8 to 15 " +
            "lower-case keywords, including style terms such as minimalist, high contrast or golden hour when they " +
            "apply.", PeopleOptions),
        new("sports_events", "Sports / events", "Action, teams, moments and venues.",
            "Describe this sports or event photograph in 2 to 4 sentences: the sport or kind of event, the action " +
            "or moment captured, visible team colours, numbers or banners, and the venue. Give 8 to 20 lower-case " +
            "keywords covering the sport, action, venue and any readable text.", PeopleOptions),
    ];
}
