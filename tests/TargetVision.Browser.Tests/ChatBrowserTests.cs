using System.Text.RegularExpressions;
using FakeAi;
using Npgsql;

namespace TargetVision.Browser.Tests;

/// <summary>Chat in a real browser against the real app and the fake Anthropic API (tool use + streaming).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatBrowserTests(BrowserFixture browser)
{
    private const string Email = "owner@example.com";
    private const string Password = "a long enough password";

    [Fact]
    public async Task Ask_watch_the_answer_stream_open_a_cited_photo_and_follow_up()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        // Slow enough that the answer is seen arriving piece by piece.
        claude.Options.StreamChunkDelay = TimeSpan.FromMilliseconds(150);
        await using var live = await LiveApp.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:Email"] = Email,
            ["Admin:Password"] = Password,
            ["Anthropic:BaseUrl"] = claude.BaseUrl,
            ["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey,
        });
        await SeedAsync(live.Database.ConnectionString);
        await using var session = await browser.NewSessionAsync(live.BaseUrl, width: 375, height: 800);
        var page = session.Page;
        await page.GotoAsync("/login?next=%2Fchat");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/chat$"));

        // Suggested first questions come from the library's own keywords.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show me my best barn photos" })).ToBeVisibleAsync();

        var question = page.GetByLabel("Your question");
        await question.FillAsync("barn photos in winter");
        await question.PressAsync("Enter");
        var answer = page.Locator(".chat-msg--assistant").First;
        // Streaming: text is on screen while the answer is still busy and Stop is offered.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop" })).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator(".chat-msg__text")).ToContainTextAsync("I found", new() { Timeout = 15_000 });
        Assert.Equal("true", await answer.GetAttributeAsync("aria-busy"));
        await Assertions.Expect(answer).ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop" })).ToBeHiddenAsync();
        await Assertions.Expect(answer.Locator(".chat-msg__searches")).ToContainTextAsync("Searched “barn winter”");
        await Assertions.Expect(answer.Locator(".photo-card")).ToHaveCountAsync(1);
        await Assertions.Expect(answer.GetByRole(AriaRole.Link, new() { Name = "Show all in Search" })).ToHaveAttributeAsync("href", "/search?q=barn%20winter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/chat\?c=[0-9a-f-]+$"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "chat scrolls sideways at 375 px");

        // "Add all to a collection…" under the cited photos: a new collection named inline holds exactly those photos.
        var cited = (await answer.Locator(".photo-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.imageKey)")).Order().ToList();
        await answer.GetByRole(AriaRole.Button, new() { Name = "Add all to a collection…" }).ClickAsync();
        var addDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add 1 photo to a collection" });
        await addDialog.GetByLabel("New collection name").FillAsync("Winter barns from chat");
        await addDialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Created “Winter barns from chat” with 1 photo.")).ToBeVisibleAsync();
        await Assertions.Expect(addDialog).ToBeHiddenAsync();
        var collected = await page.EvaluateAsync<string[]>("""
            async () => {
              const list = await (await fetch('/api/collections')).json();
              const created = list.find((c) => c.name === 'Winter barns from chat');
              const photos = await (await fetch(`/api/collections/${created.id}/photos`)).json();
              return photos.items.map((p) => p.imageKey);
            }
            """);
        Assert.Equal(["k1"], cited);
        Assert.Equal(cited, collected.Order().ToList());

        // The numbered citation in the text opens the cited photo in the shared photo modal.
        await answer.GetByRole(AriaRole.Button, new() { Name = "Open cited photo 1" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Barn in snow" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // A follow-up in the same conversation: the earlier turn goes along with it.
        await question.FillAsync("only the ones with snow");
        await question.PressAsync("Enter");
        var followUp = page.Locator(".chat-msg--assistant").Nth(1);
        await Assertions.Expect(followUp).ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = 15_000 });
        await Assertions.Expect(followUp.Locator(".chat-msg__searches")).ToContainTextAsync("Searched “barn winter snow”");
        await Assertions.Expect(followUp.Locator(".photo-card")).ToHaveCountAsync(1);
        Assert.Contains("barn photos in winter", claude.Calls.Log[^2].Body, StringComparison.Ordinal);

        // The conversation is listed under its first question and reopens from the list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^barn photos in winter") })).ToBeVisibleAsync();
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO albums (album_key, name, keywords, folder_path, image_count, created_at, synced_at)
            VALUES ('vt2019', 'Vermont 2019', '{}', 'Travel', 3, now(), now());
            INSERT INTO photos (image_key, album_id, serial, title, keywords, captured_at, captured_at_is_upload_date, is_video,
                                hidden, usable_sizes, synced_at, created_at)
            SELECT key, (SELECT id FROM albums WHERE album_key = 'vt2019'), 0, title, keywords, taken, false, false, false, '{}', now(), now()
            FROM (VALUES ('k1', 'Barn in snow', ARRAY['barn', 'winter'], timestamptz '2019-12-20'),
                         ('k2', 'Red barn at sunset', ARRAY['barn', 'autumn'], timestamptz '2019-10-03'),
                         ('k3', 'Lake at dawn', ARRAY['lake'], timestamptz '2019-07-01')) AS p(key, title, keywords, taken);
            INSERT INTO photo_ai_versions (photo_id, version, description, keywords, provider, model, input_tokens, output_tokens,
                                           cost_usd, latency_ms, approved, edited_by_user, created_at)
            SELECT id, 1, 'A weathered barn under fresh snow on a quiet winter morning.', ARRAY['barn', 'snow', 'winter'],
                   'anthropic', 'test', 0, 0, 0, 0, false, false, now()
            FROM photos WHERE image_key = 'k1';
            UPDATE photos p SET current_ai_version_id = v.id FROM photo_ai_versions v WHERE v.photo_id = p.id;
            """);
        await command.ExecuteNonQueryAsync();
    }
}
