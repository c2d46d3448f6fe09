using System.Text.RegularExpressions;

namespace TargetVision.Api.Features.Settings;

/// <summary>Checks a settings update before anything is written, collecting every field error at once.</summary>
public static partial class SettingsValidation
{
    [GeneratedRegex(@"^[A-Za-z0-9._:/\-]{1,100}$")]
    private static partial Regex ModelId();

    public static Dictionary<string, string[]> Validate(SettingsUpdateRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Secrets is null && request.Preferences is null)
        {
            errors["body"] = ["Send at least one of 'secrets' or 'preferences'."];
        }
        if (request.Secrets is { } secrets)
        {
            foreach (var (name, value) in SettingsStore.SecretFields(secrets))
            {
                if (value is null || value.Length == 0)
                {
                    continue;
                }
                var field = "secrets." + char.ToLowerInvariant(name.ToString()[0]) + name.ToString()[1..];
                if (value.Trim().Length < 8 || value.Length > 500)
                {
                    errors[field] = ["Must be between 8 and 500 characters."];
                }
                else if (value.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    errors[field] = ["Must not contain spaces or control characters."];
                }
            }
        }
        if (request.Preferences is { } p)
        {
            if (p.AiProvider is { Length: > 0 } provider && !SettingsStore.Providers.Contains(provider))
            {
                errors["preferences.aiProvider"] = ["Must be 'anthropic' or 'openai'."];
            }
            if (p.AnthropicModel is { Length: > 0 } am && !ModelId().IsMatch(am))
            {
                errors["preferences.anthropicModel"] = ["Must be a model id such as claude-sonnet-4-5."];
            }
            if (p.OpenAiModel is { Length: > 0 } om && !ModelId().IsMatch(om))
            {
                errors["preferences.openAiModel"] = ["Must be a model id such as gpt-4.1-mini."];
            }
            if (p.PublicBaseUrl is { Length: > 0 } url && !IsBaseUrl(url))
            {
                errors["preferences.publicBaseUrl"] = ["Must be an absolute http(s) URL without query or fragment, e.g. https://photos.example.com."];
            }
        }
        return errors;
    }

    private static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
