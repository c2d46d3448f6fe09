using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;
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
    public async Task Select_estimate_describe_to_100_percent_then_edit_and_approve_a_description()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        // Slow enough answers that the progress bar is seen moving, fast enough for a short test.
        claude.Options.MinLatency = TimeSpan.FromMilliseconds(300);
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = smug.Settings();
        foreach (var (key, value) in Settings(claude))
        {
            settings[key] = value;
        }
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var albumKey = smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await SignInAsync(page, "/library/album/" + albumKey);

        // Sync the album so its photos can be described.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        var cards = page.Locator(".photo-card");
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 15_000 });

        // Select three photos; the AI actions follow the selection.
        await cards.Nth(0).Locator(".photo-card__media").ClickAsync();
        await cards.Nth(2).Locator(".photo-card__media").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        var describeSelected = page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (3)" });
        await Assertions.Expect(describeSelected).ToBeEnabledAsync();
        await describeSelected.ClickAsync();

        // The dialog: a keyed model is preselected and the cost is estimated before anything starts.
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Describe 3 selected photos" });
        await Assertions.Expect(dialog.GetByLabel("Model")).Not.ToHaveValueAsync("");
        var estimate = dialog.Locator(".estimate");
        await Assertions.Expect(estimate).ToContainTextAsync("to describe 3 photos");
        await Assertions.Expect(estimate).ToContainTextAsync(new Regex(@"≈ \$\d"));
        await Assertions.Expect(estimate).ToContainTextAsync("per M tokens");
        Assert.Equal(0, claude.Calls.TotalCalls);

        // Record the global bar's furthest point: it is pushed by SSE and leaves the screen once the batch ends.
        await page.EvaluateAsync(@"() => {
            window.__maxProgress = 0;
            const seen = () => {
                for (const bar of document.querySelectorAll('#global-progress [role=progressbar]')) {
                    const now = Number(bar.getAttribute('aria-valuenow')), max = Number(bar.getAttribute('aria-valuemax'));
                    if (max > 0) window.__maxProgress = Math.max(window.__maxProgress, Math.round(100 * now / max));
                }
            };
            new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
        }");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#global-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"finished \(3 done\)"))).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<int>("() => window.__maxProgress") > 0, "the global progress bar never showed progress");
        Assert.Equal(3, claude.Calls.SucceededCalls);

        // Open a described photo: the AI panel shows the description and keyword chips.
        await cards.Nth(0).HoverAsync();
        await cards.Nth(0).GetByRole(AriaRole.Button, new() { NameRegex = OpenPhoto() }).ClickAsync();
        var modal = page.GetByRole(AriaRole.Dialog);
        var panel = modal.Locator(".ai-panel");
        await Assertions.Expect(panel.Locator(".ai-version__description")).Not.ToBeEmptyAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.List, new() { Name = "Keywords" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".ai-version__meta")).ToContainTextAsync("tokens");

        // Edit: an empty description is refused next to the field; a real one is saved as a new version.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Description" }).FillAsync("");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Write a description, or use Delete to remove it.")).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Description" }).FillAsync("A red barn beside a maple tree in full autumn colour.");
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Keywords" }).FillAsync("Barn, maple, autumn, vermont");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Description saved.")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".ai-version__description")).ToHaveTextAsync("A red barn beside a maple tree in full autumn colour.");
        await Assertions.Expect(panel.GetByRole(AriaRole.List, new() { Name = "Keywords" })).ToContainTextAsync("autumn");
        await Assertions.Expect(panel.Locator(".ai-version__meta")).ToContainTextAsync("Edited by you");

        // Approve, then the history holds both versions.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(panel.GetByText("✓ Approved")).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Unapprove" })).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "History (2)" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "View version 1" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Version 1 of 2 (older)");
        await page.Keyboard.PressAsync("Escape");

        // Settings keeps the finished batch in its list, at 100 %.
        await page.GotoAsync("/settings");
        await Assertions.Expect(page.Locator("#settings-batches .batch").First).ToContainTextAsync("(100%)");
        Assert.Empty(session.UnexpectedErrors);
    }

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

    [GeneratedRegex("^Open ")]
    private static partial Regex OpenPhoto();

    [GeneratedRegex("smiling")]
    private static partial Regex SmilingInstruction();

    [GeneratedRegex("^Short and sweet.*active$")]
    private static partial Regex ActiveShortAndSweet();

    [GeneratedRegex("^Default.*active$")]
    private static partial Regex ActiveDefault();

    [GeneratedRegex("photo editor")]
    private static partial Regex PhotoEditor();
}
