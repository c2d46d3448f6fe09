using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Chat;

/// <summary>A conversation with the library: titled from its first question, renamable.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ConversationMessage> Messages { get; set; } = [];
}

public enum MessageRole { User, Assistant }

/// <summary>How an assistant answer ended: complete, stopped by the user, or failed (the error says why).</summary>
public enum MessageStatus { Complete, Stopped, Failed }

/// <summary>
/// One message. An assistant message keeps the photos its turn retrieved (the only ones it may cite), the photos
/// it cited, its searches and what its provider calls cost (each call is also an <c>ai_usage</c> row, purpose chat).
/// </summary>
public sealed class ConversationMessage
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    public int Sequence { get; set; }
    public MessageRole Role { get; set; }
    public string Text { get; set; } = "";
    public MessageStatus Status { get; set; }
    public string? Error { get; set; }
    public List<int> RetrievedPhotoIds { get; set; } = [];
    public List<int> CitedPhotoIds { get; set; } = [];
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ConversationToolCall> ToolCalls { get; set; } = [];
}

/// <summary>
/// One search the model ran in a turn: its arguments, the photos it returned and the exact result text the model
/// read, so a follow-up replays the same context.
/// </summary>
public sealed class ConversationToolCall
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public int Sequence { get; set; }
    public required string CallId { get; set; }
    public required string Name { get; set; }
    public required string Arguments { get; set; }
    public string Result { get; set; } = "";
    public List<int> PhotoIds { get; set; } = [];
    public int Total { get; set; }

    /// <summary>The model's text before this call in the same step (Claude's "Let me search…"), replayed with it.</summary>
    public string? Preamble { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("chat_conversations");
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.HasIndex(c => c.UpdatedAt);
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Provider).HasMaxLength(20);
        builder.Property(m => m.Model).HasMaxLength(100);
        builder.Property(m => m.CostUsd).HasPrecision(12, 6);
        builder.HasMany(m => m.ToolCalls).WithOne().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationToolCallConfiguration : IEntityTypeConfiguration<ConversationToolCall>
{
    public void Configure(EntityTypeBuilder<ConversationToolCall> builder)
    {
        builder.ToTable("chat_tool_calls");
        builder.HasIndex(t => new { t.MessageId, t.Sequence });
        builder.Property(t => t.CallId).HasMaxLength(100);
        builder.Property(t => t.Name).HasMaxLength(64);
        builder.Property(t => t.Arguments).HasColumnType("jsonb");
    }
}
