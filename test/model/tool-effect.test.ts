import { describe, expect, it } from 'vitest';
import { ACTING_VERBS, READING_VERBS, changingCommand, irreversibleBecause, type Tool } from '../../src/model/index.js';

const acting = new Set(ACTING_VERBS);
const reading = new Set(READING_VERBS);
const judge = (tool: Partial<Tool> & { name: string }) => irreversibleBecause({ irreversible: false, needsApproval: false, ...tool }, acting, reading);
const node = (name: string, detail: string, kind: Tool['kind'] = 'node') => judge({ name, kind, detail });

describe('irreversibleBecause on workflow nodes', () => {
  it('judges a node by its operation, never by its display name', () => {
    expect(node('Get Email', 'n8n-nodes-base.gmailTool|get||')).toBeUndefined();
    expect(node('Notify Client About Tasks', 'n8n-nodes-base.gmailTool|send||')).toBe("node 'n8n-nodes-base.gmailTool' with operation 'send'");
    expect(node('Delete Order', 'n8n-nodes-base.supabaseTool|delete||')).toBe("node 'n8n-nodes-base.supabaseTool' with operation 'delete'");
  });

  it('takes an agent\'s mail tool with both the address and the message written into the workflow as a ping to its owner', () => {
    expect(node('Notify me', 'n8n-nodes-base.gmailTool|send||fixed-recipient fixed-content')).toBeUndefined();
    expect(node('Notify me', 'n8n-nodes-base.gmailTool|send||fixed-recipient')).toBe("node 'n8n-nodes-base.gmailTool' with operation 'send'");
  });

  it('takes a messaging node with no operation as sending (its default), but not a label, a draft or a vector store', () => {
    expect(node('Reply', 'n8n-nodes-base.gmailTool|||')).toBe("node 'n8n-nodes-base.gmailTool' (messaging)");
    expect(node('Tag', 'n8n-nodes-base.gmailTool|addLabels|message|')).toBeUndefined();
    expect(node('Label', 'n8n-nodes-base.gmailTool|create|label|')).toBeUndefined();
    expect(node('Knowledge', '@n8n/n8n-nodes-langchain.toolVectorStore|||')).toBeUndefined();
  });

  it('takes creating a post on a publishing service as publishing, unless it is a draft', () => {
    expect(node('Post', 'n8n-nodes-base.linkedIn|create||')).toBe("node 'n8n-nodes-base.linkedIn' with operation 'create' (publishing)");
    expect(node('Post', 'n8n-nodes-base.wordpress|create||draft')).toBeUndefined();
    expect(node('Post', 'n8n-nodes-base.wordpress|create||')).toBeUndefined();
    expect(node('Post', 'n8n-nodes-base.wordpress|create||publish')).toBe("node 'n8n-nodes-base.wordpress' with operation 'create' (publishing)");
    // A community node named after a platform that only reads from it (a transcript fetcher) publishes nothing.
    expect(node('Get Transcript', 'n8n-nodes-youtube-transcripter.youtubeTranscripter|||')).toBeUndefined();
    expect(node('YouTube', 'n8n-nodes-base.youTube|||')).toBe("node 'n8n-nodes-base.youTube' (publishing)");
    // Social media schedulers' community nodes post by default (their operation left out of the saved workflow).
    expect(node('X Post', '@blotato/n8n-nodes-blotato.blotato|||')).toBe("node '@blotato/n8n-nodes-blotato.blotato' (publishing)");
    expect(node('Untag', 'n8n-nodes-base.gmail|removeLabels|message|')).toBeUndefined();
  });

  it('runs a query the model writes, but not one written out as a read', () => {
    expect(node('Run SQL', 'n8n-nodes-base.postgresTool|executeQuery||')).toBe("node 'n8n-nodes-base.postgresTool' with operation 'executeQuery'");
    expect(node('Count rows', 'n8n-nodes-base.postgresTool|executeQuery||static-read')).toBeUndefined();
    expect(node('Session', 'n8n-nodes-base.redis|push||')).toBeUndefined();
  });

  it('takes creating a calendar event that invites attendees as acting, and a bare calendar read as not', () => {
    expect(node('Create Event', 'n8n-nodes-base.googleCalendarTool|||invites')).toBe("node 'n8n-nodes-base.googleCalendarTool', inviting attendees");
    expect(node('Create Event', 'n8n-nodes-base.googleCalendarTool|create||invites')).toBe(
      "node 'n8n-nodes-base.googleCalendarTool' with operation 'create', inviting attendees",
    );
    expect(node('Block time', 'n8n-nodes-base.googleCalendarTool|create||')).toBeUndefined();
    expect(node('Availability', 'n8n-nodes-base.googleCalendarTool|getAll||')).toBeUndefined();
  });

  it('judges a generic HTTP or code tool by its name', () => {
    expect(node('Cancel Booking', 'n8n-nodes-base.httpRequestTool|||')).toBe("node 'Cancel Booking' (n8n-nodes-base.httpRequestTool), verb 'cancel'");
    expect(node('Get Availability', 'n8n-nodes-base.httpRequestTool|||')).toBeUndefined();
  });

  it('leaves a fixed statement or a fixed message after the agent alone, but not a tool the agent calls', () => {
    expect(node('Mark Done', 'n8n-nodes-base.postgres|executeQuery||fixed-statement', 'downstream')).toBeUndefined();
    expect(node('Welcome', 'n8n-nodes-base.gmail|send||fixed-content', 'downstream')).toBeUndefined();
    expect(node('Run SQL', 'n8n-nodes-base.postgresTool|executeQuery||fixed-statement')).toBe("node 'n8n-nodes-base.postgresTool' with operation 'executeQuery'");
  });

  it('leaves chat answers to the person who wrote alone, and flags posts and emails sent on unreviewed', () => {
    expect(node('Answer', 'n8n-nodes-base.telegram|sendMessage||reply-to-trigger', 'downstream')).toBeUndefined();
    expect(node('Notify team', 'n8n-nodes-base.slack|||', 'downstream')).toBeUndefined();
    expect(node('Daily digest', 'n8n-nodes-base.gmail|send||fixed-recipient', 'downstream')).toBeUndefined();
    expect(node('Create a message', 'n8n-nodes-base.googleChatTool|||')).toBe("node 'n8n-nodes-base.googleChatTool' creating a message in a space (messaging)");
    expect(node('Create a message', 'n8n-nodes-base.googleChatTool|create|message|')).toBe("node 'n8n-nodes-base.googleChatTool' creating a message in a space (messaging)");
    expect(node('Get a message', 'n8n-nodes-base.googleChatTool|get|message|')).toBeUndefined();
    expect(node('List spaces', 'n8n-nodes-base.googleChatTool|getAll|space|')).toBeUndefined();
    expect(node('Share file', 'n8n-nodes-base.googleDriveTool|share|file|')).toBe("node 'n8n-nodes-base.googleDriveTool' with operation 'share'");
    expect(node('Create Ticket', 'n8n-nodes-base.jira|||', 'downstream')).toBeUndefined();
    expect(node('Create Issue', 'n8n-nodes-base.linear|||', 'downstream')).toBeUndefined();
    expect(node('Delete File', 'n8n-nodes-base.githubTool|delete|file|')).toBe("node 'n8n-nodes-base.githubTool' with operation 'delete'");
    expect(node('Search files', 'n8n-nodes-base.googleDriveTool|search|fileFolder|')).toBeUndefined();
    expect(node('Post to channel', 'n8n-nodes-base.telegram|sendMessage||', 'downstream')).toBe(
      "node 'n8n-nodes-base.telegram' with operation 'sendMessage' downstream of the agent, with nothing reviewing its output",
    );
    expect(node('Send Reply', 'n8n-nodes-base.gmail|reply||', 'downstream')).toBe(
      "node 'n8n-nodes-base.gmail' with operation 'reply' downstream of the agent, with nothing reviewing its output",
    );
  });
});

describe('irreversibleBecause on MCP tools and names', () => {
  it('reads an MCP tool by its verb, else by its server', () => {
    expect(judge({ name: 'mcp__github__create_release', kind: 'mcp', detail: 'github' })).toBe("verb 'release' of MCP server 'github'");
    expect(judge({ name: 'mcp__slack__list_channels', kind: 'mcp', detail: 'slack' })).toBeUndefined();
    expect(judge({ name: 'mcp:stripe', kind: 'mcp', detail: 'stripe' })).toBe("MCP server 'stripe' (payments)");
  });

  it('takes a database platform\'s admin server as acting, unless it is started read-only', () => {
    const supabase = (flags: string) => judge({ name: 'mcp:supabase-admin', kind: 'mcp', detail: `supabase-admin { command: 'npx', args: ['-y', '@supabase/mcp-server-supabase@latest'${flags}] }` });
    expect(supabase('')).toBe("MCP server 'supabase-admin' (database administration)");
    expect(supabase(", '--read-only'")).toBeUndefined();
    expect(judge({ name: 'mcp:gh', kind: 'mcp', detail: 'gh github-mcp-server --read-only' })).toBeUndefined();
    // A Supabase vector store node of n8n only stores and searches documents.
    expect(judge({ name: 'Supabase Vector Store', kind: 'node', detail: '@n8n/n8n-nodes-langchain.vectorStoreSupabase|||' })).toBeUndefined();
  });

  it('takes a code host or issue tracker server as acting, and its tools by their verbs', () => {
    expect(judge({ name: 'mcp:github', kind: 'mcp', detail: 'github https://api.githubcopilot.com/mcp/' })).toBe("MCP server 'github' (code host or issue tracker)");
    expect(judge({ name: 'mcp:repos', kind: 'mcp', detail: 'repos https://example-github-mcp-server.dev/mcp' })).toBe("MCP server 'repos' (code host or issue tracker)");
    expect(judge({ name: 'mcp:tickets', kind: 'mcp', detail: 'tickets npx -y @acme/jira-mcp' })).toBe("MCP server 'tickets' (code host or issue tracker)");
    expect(judge({ name: 'mcp:linear', kind: 'mcp', detail: 'linear https://mcp.linear.app/sse' })).toBe("MCP server 'linear' (code host or issue tracker)");
    // One tool of such a server named, with no acting verb: it files or moves the team's own issues.
    expect(judge({ name: 'mcp__gitlab__create_issue', kind: 'mcp', detail: 'gitlab' })).toBeUndefined();
    expect(judge({ name: 'mcp__linear__save_issue', kind: 'mcp', detail: 'linear' })).toBeUndefined();
    expect(judge({ name: 'mcp__github__merge_pull_request', kind: 'mcp', detail: 'github' })).toBe("verb 'merge' of MCP server 'github'");
    expect(judge({ name: 'mcp__github__get_pull_request', kind: 'mcp', detail: 'github' })).toBeUndefined();
    expect(judge({ name: 'mcp__atlassian__search_issues', kind: 'mcp', detail: 'atlassian' })).toBeUndefined();
    expect(judge({ name: 'mcp:docs', kind: 'mcp', detail: 'docs https://docs.example.com/mcp' })).toBeUndefined();
  });

  it('reads toolkit actions written in the third person', () => {
    expect(judge({ name: 'SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL' })).toBe("verb 'send'");
    expect(judge({ name: 'GOOGLECALENDAR_DELETE_EVENT' })).toBe("verb 'delete'");
    expect(judge({ name: 'SLACK_LIST_ALL_CHANNELS' })).toBeUndefined();
  });

  it('takes writing a post or an email as composing it, not sending it', () => {
    expect(judge({ name: 'write_bull_post' })).toBeUndefined();
    expect(judge({ name: 'craft_reply_email' })).toBeUndefined();
    expect(judge({ name: 'rewrite_tweet' })).toBeUndefined();
    // The sending stays acting, and writing to something other than text is judged as before.
    expect(judge({ name: 'post_tweet' })).toBe("verb 'post'");
    expect(judge({ name: 'write_and_send_report' })).toBe("verb 'send'");
    expect(judge({ name: 'write_and_send_email' })).toBe("verb 'send'");
    expect(judge({ name: 'write_file_then_delete_backup' })).toBe("verb 'delete'");
  });

  it('takes a tweet after another word as the thing acted on: liking or bookmarking one can be undone', () => {
    expect(judge({ name: 'like-tweet' })).toBeUndefined();
    expect(judge({ name: 'bookmark_tweet' })).toBeUndefined();
    expect(judge({ name: 'tweet' })).toBe("verb 'tweet'");
    expect(judge({ name: 'reply_tweet' })).toBe("verb 'reply'");
  });

  it('takes making or moving a booking, a reservation or an invitation as acting, and a calendar entry as something that can be moved back', () => {
    expect(judge({ name: 'Reschedule Booking' })).toBe("verb 'reschedule'");
    expect(judge({ name: 'change_seat' })).toBe("verb 'change'");
    expect(judge({ name: 'create_invitation' })).toBe("verb 'create'");
    expect(judge({ name: 'book_appointment' })).toBe("verb 'book'");
    expect(judge({ name: 'create_calendar_event' })).toBeUndefined();
    expect(judge({ name: 'CreateAppointment' })).toBeUndefined();
    expect(judge({ name: 'UpdateAppointment' })).toBeUndefined();
    expect(judge({ name: 'cancel_appointment' })).toBe("verb 'cancel'");
    expect(judge({ name: 'delete_event' })).toBe("verb 'delete'");
    expect(judge({ name: 'create_summary' })).toBeUndefined();
  });

  it('takes a word that is a noun too as an act only when it leads the name', () => {
    expect(judge({ name: 'response_email_tool' })).toBeUndefined();
    expect(judge({ name: 'email_customer' })).toBe("verb 'email'");
    // A name that ends in a file makes the file; a leading act still acts on it.
    expect(judge({ name: 'create_post_file' })).toBeUndefined();
    expect(judge({ name: 'save_email_draft' })).toBeUndefined();
    expect(judge({ name: 'delete_file' })).toBe("verb 'delete'");
    expect(judge({ name: 'send_report_pdf' })).toBe("verb 'send'");
    expect(judge({ name: 'tools.upload_files' })).toBe("verb 'upload'");
    expect(judge({ name: 'gmail_send' })).toBe("verb 'send'");
    expect(judge({ name: 'place_order' })).toBe("verb 'order'");
    // Leading, but with a reading word or a read noun at the end: what is read.
    expect(judge({ name: 'reply_mail_list' })).toBeUndefined();
    expect(judge({ name: 'email_history' })).toBeUndefined();
    expect(judge({ name: 'reply_to_customer' })).toBe("verb 'reply'");
    expect(judge({ name: 'email_order_summary' })).toBe("verb 'email'");
    expect(judge({ name: 'email_mailing_list' })).toBe("verb 'email'");
  });

  it('takes a thing-naming lead followed by a reading verb as the thing read (orderRetrieve looks an order up)', () => {
    expect(judge({ name: 'orderRetrieve' })).toBeUndefined();
    expect(judge({ name: 'order_lookup' })).toBeUndefined();
    expect(judge({ name: 'refund_check' })).toBeUndefined();
    expect(judge({ name: 'booking_search' })).toBeUndefined();
    // A verb that names nothing else keeps acting, whatever follows it; so does a thing-naming lead before a thing.
    expect(judge({ name: 'send_search_results' })).toBe("verb 'send'");
    expect(judge({ name: 'order_pizza' })).toBe("verb 'order'");
    expect(judge({ name: 'refund_order' })).toBe("verb 'refund'");
    // Before a doer: the thing the doer works on, unless the doer acts.
    expect(judge({ name: 'Email Parser Tool' })).toBeUndefined();
    expect(judge({ name: 'email_summarizer' })).toBeUndefined();
    expect(judge({ name: 'email_sender' })).toBe("verb 'email'");
    expect(judge({ name: 'email_customer' })).toBe("verb 'email'");
    expect(judge({ name: 'email_parser_and_send' })).toBe("verb 'email'");
  });

  it('takes a sheet or table tool named for committing something as doing it, and its other writes as record-keeping', () => {
    expect(node('book_appointment', 'n8n-nodes-base.googleSheetsTool|append||')).toBe("node 'book_appointment' (googleSheetsTool append), verb 'book': the record it writes is what it commits");
    expect(node('place_order', 'n8n-nodes-base.airtableTool|create||')).toBe("node 'place_order' (airtableTool create), verb 'order': the record it writes is what it commits");
    expect(node('capture_lead', 'n8n-nodes-base.googleSheetsTool|append||')).toBeUndefined();
    expect(node('book_appointment', 'n8n-nodes-base.googleSheetsTool|read||')).toBeUndefined();
    // After the agent, or in a workflow it calls, the row is the workflow's bookkeeping, not the model's choice to call a tool.
    expect(node('book_appointment', 'n8n-nodes-base.googleSheetsTool|append||', 'downstream')).toBeUndefined();
  });

  it('reads a tool class named by a gerund as its verb (LinkedInPostingTool posts)', () => {
    expect(judge({ name: 'LinkedInPostingTool' })).toBe("verb 'post'");
    expect(judge({ name: 'SlackMessageSendingTool' })).toBe("verb 'send'");
    expect(judge({ name: 'JobPostingSearchTool' })).toBeUndefined();
    expect(judge({ name: 'booking tool' })).toBe("verb 'book'");
    expect(judge({ name: 'get_booking' })).toBeUndefined();
    expect(judge({ name: 'booking_status' })).toBeUndefined();
    expect(judge({ name: 'get_job_postings' })).toBeUndefined();
  });

  it("takes 'post_' before an event for 'after', and a noun's booking expert for one that books", () => {
    expect(judge({ name: 'post_sale_faq' })).toBeUndefined();
    expect(judge({ name: 'post_booking_expert' })).toBeUndefined();
    expect(judge({ name: 'post_call_send_email' })).toBe("verb 'send'");
    expect(judge({ name: 'post_tweet' })).toBe("verb 'post'");
    expect(judge({ name: 'post_message_to_slack' })).toBe("verb 'post'");
    expect(judge({ name: 'hotel_booking_expert' })).toBe("verb 'book'");
    expect(judge({ name: 'car_rental_booking_agent' })).toBe("verb 'book'");
    expect(judge({ name: 'hotel_booking_lookup' })).toBeUndefined();
    expect(judge({ name: 'check_booking_agent' })).toBeUndefined();
    expect(judge({ name: 'booking_status' })).toBeUndefined();
  });

  it('takes a send of a mail named after a status as sending, and a status alone as read', () => {
    expect(judge({ name: 'send_status_mail' })).toBe("verb 'send'");
    expect(judge({ name: 'order_status' })).toBeUndefined();
    expect(judge({ name: 'upload_status' })).toBeUndefined();
  });

  it('takes moving funds or tokens on a ledger as acting', () => {
    expect(judge({ name: 'stake_tokens' })).toBe("verb 'stake'");
    expect(judge({ name: 'aptos_transfer_token' })).toBe("verb 'transfer'");
    expect(judge({ name: 'liquidswap_swap' })).toBe("verb 'swap'");
    expect(judge({ name: 'get_stake_balance' })).toBeUndefined();
  });

  it('does not take a handoff tool for a money transfer', () => {
    expect(judge({ name: 'transfer_to_billing_agent' })).toBeUndefined();
    expect(judge({ name: 'transferFunds' })).toBe("verb 'transfer'");
  });

  it('does not take an agent consulted as a tool for the act it is named after', () => {
    expect(judge({ name: 'Refund Expert' })).toBeUndefined();
  });
});

describe('irreversibleBecause on uploads and emptied bins', () => {
  it('takes pushing to a repository or a device as acting, and pushing to a queue of the program as not', () => {
    expect(judge({ name: 'git_push' })).toBe("verb 'push'");
    expect(judge({ name: 'push_notification' })).toBe("verb 'push'");
    expect(judge({ name: 'push' })).toBe("verb 'push'");
    expect(judge({ name: 'shared_memory_push_signal' })).toBeUndefined();
    // An MCP prompt is a template rendered into messages; running a query or a command still acts.
    expect(judge({ name: 'execute-mcp-prompt' })).toBeUndefined();
    // A machine's terminal is a shell, also under n8n's numbered copy of a node name.
    expect(judge({ name: 'linux_terminal' })).toBe('a shell tool');
    expect(judge({ name: 'linux_terminal1' })).toBe('a shell tool');
    expect(judge({ name: 'terminal_theme' })).toBeUndefined();
    expect(judge({ name: 'execute_shell_command' })).toBe('a shell tool');
    expect(judge({ name: 'push_to_queue' })).toBeUndefined();
  });

  it('takes starting a phone call as acting, and a call of an API or a function as not', () => {
    expect(judge({ name: 'initiate_retell_call' })).toBe("verb 'initiate'");
    expect(judge({ name: 'place_phone_call' })).toBe("verb 'place'");
    expect(judge({ name: 'dial' })).toBe("verb 'dial'");
    expect(judge({ name: 'make_api_call' })).toBeUndefined();
    expect(judge({ name: 'start_tool_call' })).toBeUndefined();
    expect(judge({ name: 'get_call_details' })).toBeUndefined();
  });

  it('judges the nodes of a workflow an agent calls as a tool as nodes after an agent, saying where they are', () => {
    expect(node('Send Gmail', 'n8n-nodes-base.gmail||| called', 'downstream')).toBe("node 'n8n-nodes-base.gmail' (messaging) in a workflow the agent calls as a tool");
    expect(node('Ask the team', 'n8n-nodes-base.slack|||called', 'downstream')).toBeUndefined();
    expect(node('Notify owner', 'n8n-nodes-base.gmail|||fixed-recipient called', 'downstream')).toBeUndefined();
  });

  it('takes uploading a file and emptying a trash as acting', () => {
    expect(judge({ name: 'upload_file' })).toBe("verb 'upload'");
    expect(judge({ name: 'uploadAttachment' })).toBe("verb 'upload'");
    expect(judge({ name: 'empty_gmail_trash' })).toBe("verb 'empty'");
    expect(judge({ name: 'EmptyTrashTool' })).toBe("verb 'empty'");
  });

  it('does not take reading about uploads or empty things as acting', () => {
    expect(judge({ name: 'get_upload_status' })).toBeUndefined();
    expect(judge({ name: 'upload_status' })).toBeUndefined();
    expect(judge({ name: 'list_uploads' })).toBeUndefined();
    expect(judge({ name: 'find_empty_slots' })).toBeUndefined();
    expect(judge({ name: 'download_file' })).toBeUndefined();
  });
});

describe('irreversibleBecause on tools named for what they run', () => {
  it('takes a SQL tool that runs the query it is given as acting, and its checker or schema tools as not', () => {
    expect(judge({ name: 'sql_db_query' })).toBe('a SQL execution tool');
    expect(judge({ name: 'run_sql' })).toBe('a SQL execution tool');
    expect(judge({ name: 'sql_db_query_checker' })).toBeUndefined();
    expect(judge({ name: 'sql_db_schema' })).toBeUndefined();
  });

  it('takes running a command line in a shell as a shell tool, whatever its running verb', () => {
    expect(judge({ name: 'run_bash_command' })).toBe('a shell tool');
    expect(judge({ name: 'runShellCmd' })).toBe('a shell tool');
    expect(judge({ name: 'run_cmd' })).toBe('a shell tool');
  });

  it('takes running a notebook\'s cells as running code, and deleting a cell or a line as editing', () => {
    expect(judge({ name: 'insert_and_run_cell' })).toBe('a code-execution tool');
    expect(judge({ name: 'RunAllCellsTool' })).toBe('a code-execution tool');
    expect(judge({ name: 'delete_cell' })).toBeUndefined();
    expect(judge({ name: 'remove_lines' })).toBeUndefined();
    expect(judge({ name: 'DeleteCellTool' })).toBeUndefined();
    expect(judge({ name: 'delete_cell_database' })).toBe("verb 'delete'");
    expect(judge({ name: 'delete_file' })).toBe("verb 'delete'");
  });

  it('takes removing something from a cart or a wishlist as changing a list still being put together', () => {
    expect(judge({ name: 'remove-from-cart' })).toBeUndefined();
    expect(judge({ name: 'removeItemFromWishlist' })).toBeUndefined();
    expect(judge({ name: 'delete_from_basket' })).toBeUndefined();
    expect(judge({ name: 'remove_from_cart_and_refund' })).toBe("verb 'remove'");
    expect(judge({ name: 'delete_from_database' })).toBe("verb 'delete'");
    expect(judge({ name: 'remove_user' })).toBe("verb 'remove'");
  });

  it('names the act, not the thing it is done to, when a thing-naming acting word comes first', () => {
    expect(judge({ name: 'process_order_refund' })).toBe("verb 'refund'");
    expect(judge({ name: 'process_order' })).toBe("verb 'order'");
    expect(judge({ name: 'run_tests' })).toBeUndefined();
    expect(judge({ name: 'run_bash_tutorial_lookup' })).toBeUndefined();
  });

  it('takes changing a seat or a booking as acting, not a support ticket', () => {
    expect(judge({ name: 'update_seat' })).toBe("verb 'update'");
    expect(judge({ name: 'update_profile' })).toBeUndefined();
    expect(judge({ name: 'update_ticket_status' })).toBeUndefined();
  });

  it('judges an MCP server by what it is: a browser it drives acts, files it serves do not count', () => {
    expect(judge({ name: 'mcp:playwright', kind: 'mcp', detail: "playwright {command: 'npx', args: ['-y', '@playwright/mcp@latest']}" })).toBe(
      "MCP server 'playwright' (browser automation)",
    );
    expect(judge({ name: 'mcp:files', kind: 'mcp', detail: 'files pnpm exec mcp-server-filesystem ./samples' })).toBeUndefined();
  });
});

describe('irreversibleBecause on names led by a service', () => {
  it('reads the verb after the service, whatever reading word names its object', () => {
    expect(judge({ name: 'github-post-review' })).toBe("verb 'post'");
    expect(judge({ name: 'github_merge_pull_request' })).toBe("verb 'merge'");
    expect(judge({ name: 'slack_list_channels' })).toBeUndefined();
    expect(judge({ name: 'github_review_pull_request' })).toBeUndefined();
    expect(judge({ name: 'gmail_send' })).toBe("verb 'send'");
    expect(judge({ name: 'post_search' })).toBeUndefined();
  });
});

describe('changingCommand on commands written out in code', () => {
  it('names what a cloud, cluster, code host or registry command changes', () => {
    expect(changingCommand(['aws', 'ec2', 'run-instances', '--image-id', 'ami-1'])).toBe('changes cloud resources');
    expect(changingCommand(['aws', 's3', 'rm', 's3://bucket/key'])).toBe('changes cloud resources');
    expect(changingCommand(['/usr/local/bin/kubectl', 'delete', 'pod', 'web-1'])).toBe('changes what a cluster runs');
    expect(changingCommand(['terraform', 'apply', '-auto-approve'])).toBe('changes infrastructure');
    expect(changingCommand(['kubectl', 'rollout', 'restart', 'deploy/web'])).toBe('changes what a cluster runs');
    expect(changingCommand(['git', 'push', 'origin', 'main'])).toBe('publishes commits');
    expect(changingCommand(['gh', 'pr', 'create', '--fill'])).toBe('writes to a code host');
    expect(changingCommand(['npm', 'publish'])).toBe('publishes a package');
    expect(changingCommand(['gcloud', 'run', 'deploy', 'api'])).toBe('changes cloud resources');
  });

  it('leaves reading subcommands and local programs alone', () => {
    expect(changingCommand(['aws', 's3api', 'get-bucket-versioning', '--bucket', 'b'])).toBeUndefined();
    expect(changingCommand(['aws', 'ec2', 'describe-instances'])).toBeUndefined();
    expect(changingCommand(['kubectl', 'get', 'pods'])).toBeUndefined();
    expect(changingCommand(['kubectl', 'rollout', 'status', 'deploy/web'])).toBeUndefined();
    expect(changingCommand(['git', 'status', '--short'])).toBeUndefined();
    expect(changingCommand(['gh', 'pr', 'list'])).toBeUndefined();
    expect(changingCommand(['npm', 'test'])).toBeUndefined();
    expect(changingCommand(['pytest', '-q'])).toBeUndefined();
    expect(changingCommand([])).toBeUndefined();
  });
});
