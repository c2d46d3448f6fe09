using System.Text.RegularExpressions;
using FakeAi;
using SkiaSharp;

namespace TargetVision.Browser.Tests;

/// <summary>
/// The AI-descriptions UI in a real browser against the real app, with the fake Anthropic API (and, for the
/// describe flow, the fake SmugMug) standing in for the outside services.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DescribeBrowserTests(BrowserFixture browser)
{
    private const string Email = "owner@example.com";
    private const string Password = "a long enough password";

    [Fact]
    public async Task Prompt_editor_tests_a_template_on_an_upload_and_usage_shows_the_call()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var live = await LiveApp.StartAsync(Settings(claude));
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        await SignInAsync(page, "/settings");

        var prompts = page.Locator("#settings-prompts");
        await Assertions.Expect(prompts.GetByRole(AriaRole.Heading, new() { Name = "Description prompt" })).ToBeVisibleAsync();
        foreach (var template in new[] { "Detailed", "Concise", "Artistic", "Sports / events" })
        {
            await Assertions.Expect(prompts.GetByRole(AriaRole.Button, new() { Name = template, Exact = true })).ToBeVisibleAsync();
        }

        // A template with an optional instruction becomes a new prompt; saving and activating it are separate steps.
        await prompts.GetByLabel("Note smiles").CheckAsync();
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Concise", Exact = true }).ClickAsync();
        var text = prompts.GetByLabel("Prompt text");
        await Assertions.Expect(text).ToHaveValueAsync(SmilingInstruction());
        await prompts.GetByLabel("Name").FillAsync("Short and sweet");
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Save prompt" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Prompt “Short and sweet” saved.")).ToBeVisibleAsync();
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Make active" }).ClickAsync();
        await Assertions.Expect(prompts.GetByLabel("Saved prompts").Locator("option:checked")).ToHaveTextAsync(ActiveShortAndSweet());

        // Empty text is refused in the browser, next to the field.
        await text.FillAsync("");
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await Assertions.Expect(prompts.GetByText("The prompt needs some text.")).ToBeVisibleAsync();
        await text.FillAsync("Describe this photograph in two sentences. Give 5 lower-case keywords.");

        // Test on an uploaded image: the fake answers from the pixels, and nothing is saved.
        await prompts.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "red.jpg", MimeType = "image/jpeg", Buffer = Jpeg(SKColors.Red) });
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Test prompt" }).ClickAsync();
        var answer = prompts.Locator(".prompt-test__answer");
        await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(answer.GetByRole(AriaRole.List, new() { Name = "Keywords" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Assertions.Expect(answer).ToContainTextAsync("tokens");
        Assert.Equal(1, claude.Calls.TotalCalls);

        // Usage per model follows (after a reload: the test call is not a batch, so no event announces it).
        await page.ReloadAsync();
        var stats = page.Locator("#settings-stats");
        await Assertions.Expect(stats.Locator(".usage__totals")).ToContainTextAsync("1 call ");
        await Assertions.Expect(stats.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("claude");
        await Assertions.Expect(stats.GetByText("✓ set").First).ToBeVisibleAsync();

        // Reset brings the built-in prompt back as the active one.
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Reset to default" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The default prompt is active again.")).ToBeVisibleAsync();
        await Assertions.Expect(prompts.GetByLabel("Saved prompts").Locator("option:checked")).ToHaveTextAsync(ActiveDefault());

        // Batch controls are there and answer.
        var batches = page.Locator("#settings-batches");
        await batches.GetByRole(AriaRole.Button, new() { Name = "Reconcile statuses" }).ClickAsync();
        await Assertions.Expect(page.GetByText("All statuses were consistent.")).ToBeVisibleAsync();
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Settings_sections_fit_375_px_and_the_prompt_editor_works_by_keyboard()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var live = await LiveApp.StartAsync(Settings(claude));
        await using var session = await browser.NewSessionAsync(live.BaseUrl, 375, 800);
        var page = session.Page;
        await SignInAsync(page, "/settings");
        await Assertions.Expect(page.Locator("#settings-prompts").GetByLabel("Prompt text")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#settings-stats .data-table").First).ToBeVisibleAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"settings page is {scrollWidth}px wide at a 375px viewport");

        // Keyboard only: focus a template button, press Enter, and the text arrives in the editor.
        var artistic = page.Locator("#settings-prompts").GetByRole(AriaRole.Button, new() { Name = "Artistic", Exact = true });
        await artistic.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#settings-prompts").GetByLabel("Prompt text")).ToHaveValueAsync(PhotoEditor());
        Assert.Empty(session.UnexpectedErrors);
    }

    private static Dictionary<string, string?> Settings(FakeAnthropicServer claude) => new()
    {
        ["Admin:Email"] = Email,
        ["Admin:Password"] = Password,
        ["Anthropic:BaseUrl"] = claude.BaseUrl,
        ["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey,
    };

    private static async Task SignInAsync(IPage page, string next)
    {
        await page.GotoAsync($"/login?next={Uri.EscapeDataString(next)}");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));
    }

    /// <summary>A small JPEG of one colour; the fake describes it by its colour.</summary>
    private static byte[] Jpeg(SKColor color)
    {
        using var bitmap = new SKBitmap(96, 64);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [GeneratedRegex("smiling")]
    private static partial Regex SmilingInstruction();

    [GeneratedRegex("^Short and sweet.*active$")]
    private static partial Regex ActiveShortAndSweet();

    [GeneratedRegex("^Default.*active$")]
    private static partial Regex ActiveDefault();

    [GeneratedRegex("photo editor")]
    private static partial Regex PhotoEditor();
}
