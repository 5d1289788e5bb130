package socketlab.grader.lab04;

import socketlab.grader.ClientUnderTest;

/**
 * The hints of lab 04's tests: each names a likely bug in the words of the handout
 * (lab04-nicknames/README.md, whose steps and pitfalls they point to) and says what to write
 * instead.
 */
final class ChatHints {
    // The server.
    static final String NICK_FIRST = "As soon as a client connects, send it the line NICK, and nothing before it (lab 04"
            + " has no welcome line); then read its answer, the nickname (step 1).";
    static final String ACCEPT = "Accept a nickname of 1 to 16 characters, each one of A-Z a-z 0-9 _ -, that nobody"
            + " connected holds: reply with exactly Connected to server! (step 3). Match the whole name, e.g."
            + " Pattern.compile(\"[A-Za-z0-9_-]{1,16}\").matcher(name).matches().";
    static final String REFUSE_INVALID = "Check the whole nickname against [A-Za-z0-9_-]{1,16} with matches() (not"
            + " find(), not Character.isLetterOrDigit, which accepts letters like é). If it does not match, send one line"
            + " \"ERROR \" + a reason, then NICK again, and read the next answer (steps 1 and 2).";
    static final String ERROR_THEN_NICK = "Refuse a nickname with exactly one line that starts with \"ERROR \" and says"
            + " why, then send NICK again and read the next answer: the handshake is a loop (step 1).";
    static final String TAKEN = "Before you accept a nickname, check that no connected client holds it, and reserve it"
            + " in the same step: members.putIfAbsent(key(name), member) returns null only if the name was free (step 2).";
    static final String CASE = "Compare nicknames without regard to case: store, look up and remove every name under"
            + " its lower-cased key, name.toLowerCase(Locale.ROOT), so Alice and alice are the same key (step 2).";
    static final String RACE = "Your server checks that the name is free, then stores it, in two steps: two client"
            + " threads can both pass the check before either one stores the name (check-then-insert). Reserve in ONE"
            + " atomic step: members.putIfAbsent(key(name), member) == null (step 2), or do the check and the insertion"
            + " inside one synchronized block.";
    static final String ACCEPT_LOOP = "Run the handshake (send NICK, read the nickname) in the client's own thread, not"
            + " in the accept loop: the main thread must only accept() and start a thread. Otherwise one client that"
            + " never answers NICK stops everyone else from even getting NICK.";
    static final String JOINED = "Once a nickname is accepted, send Connected to server! to the newcomer first, then"
            + " \"<nick> joined!\" to every OTHER client that has joined, never to the newcomer itself (step 3).";
    static final String HANDSHAKE_OUT_OF_CHAT = "A client still choosing its nickname is not in the chat yet: when you"
            + " broadcast, skip every member that has not joined (member.isJoined()), and never broadcast what a client"
            + " sends before it has joined (step 5, and the pitfall \"Broadcasting during the handshake\").";
    static final String RELAY = "Send each non-empty line L that alice sends to every other joined client as"
            + " \"alice: \" + L, flushed at once, and not back to alice; skip empty lines (steps 4 and 5).";
    static final String PREFIX = "The server adds the prefix: broadcast nickname + \": \" + line with the line exactly"
            + " as received, even if it already looks like \"bob: ...\". Only the server knows which connection a line came"
            + " from, so a client must not be able to speak in someone else's name.";
    static final String SAME_READER = "Read the handshake and the chat through the SAME reader: the reader you used for"
            + " the nickname may already hold the lines that arrived with it, and a new BufferedReader made for the chat"
            + " loop loses them.";
    static final String CRLF = "Strip the \\r of a line ended by \\r\\n (telnet sends them), for the nickname too:"
            + " BufferedReader.readLine() does it for you; if you read bytes yourself, drop one \\r before the \\n,"
            + " or the name is \"alice\\r\", which is invalid.";
    static final String DISCONNECT = "When a joined client sends !DISCONNECT, end its chat loop without broadcasting"
            + " that line; the others get \"<nick> left!\" and the server closes the connection (steps 4 and 6).";
    static final String DISCONNECT_RELAYED = "Check for !DISCONNECT before you broadcast a line: it is a command to the"
            + " server, not chat. Stop the chat loop when you read it (step 4).";
    static final String CLOSE_AFTER_DISCONNECT = "After !DISCONNECT, close that client's socket (try-with-resources"
            + " around the whole connection does it when handle() returns).";
    static final String LEFT_ONCE = "Announce left! in ONE place: in the finally around the chat loop, and only when"
            + " members.remove(key(nick), member) returns true, which it does for one call only. If the chat loop"
            + " announces on !DISCONNECT and the finally announces again, the others read it twice (step 6, and the"
            + " pitfall \"left! twice\").";
    static final String LEFT_ON_CLOSE = "A client that closes its connection without !DISCONNECT has left too: when"
            + " readLine() returns null, announce \"<nick> left!\". Do it in a finally around the chat loop (step 6), so"
            + " every way out of the loop announces it.";
    static final String LEFT_ON_RESET = "A reset makes readLine() throw an IOException instead of returning null: announce"
            + " \"<nick> left!\" in a finally around the chat loop (step 6), so it runs however the loop ends, and catch the"
            + " exception so that only this client's thread ends.";
    static final String FREE_NAME = "When a client leaves, however it leaves, remove its nickname from the map, under the"
            + " same lower-cased key you stored it with: members.remove(key(nick), member) (step 6, and the pitfall"
            + " \"Forgetting to free the name\").";
    static final String OUTBOX = "Sending to a client whose TCP buffers are full blocks the thread that sends. Give each"
            + " member an outbox (a LinkedBlockingQueue) and a writer thread of its own, so that broadcasting only adds to"
            + " queues and never waits; cut a member off once more than 1 MiB waits for it (step 10).";

    // The client.
    static final String CLIENT_NICK_ARGUMENT = "Read the server's lines; when one is NICK, send the nickname from the"
            + " third argument (args[2]), followed by \\n, and flush (step 7).";
    static final String CLIENT_PROMPT = "With no nickname argument, when NICK arrives, print the prompt \"Choose your"
            + " nickname: \" with print (no newline), flush, then read the nickname from stdin and send it (step 7).";
    static final String CLIENT_ASK_AGAIN = "When the server answers ERROR to a nickname the user typed, print the ERROR"
            + " line and forget that name: at the next NICK, prompt and read a new one from stdin (step 7).";
    static final String CLIENT_PRINT = "Print every line from the server (other than NICK) the moment it arrives: read"
            + " the socket in a thread of its own, while the main thread waits on stdin, and print with a UTF-8 PrintStream"
            + " with autoFlush (step 8).";
    static final String CLIENT_SEND = "Send each line typed on stdin exactly as typed, followed by \\n, and flush: the"
            + " server adds your nickname, the client must not (step 9).";
    static final String CLIENT_QUIT = "When the user types /quit, send !DISCONNECT (not /quit), close the socket and exit"
            + " with status 0: System.exit(0), because the thread reading the socket is still blocked (step 9).";
    static final String CLIENT_END_OF_INPUT = "At the end of stdin (readLine() returns null) do what /quit does: send"
            + " !DISCONNECT, close the socket, exit with status 0 (step 9). Just closing the socket leaves the server"
            + " without the goodbye the protocol asks for.";
    static final String CLIENT_REFUSED_ARGUMENT = "When the server answers ERROR to the nickname given on the command"
            + " line, print that ERROR line and exit with status 1: asking again with the same name would get the same"
            + " answer (step 7).";
    static final String CLIENT_SERVER_CLOSED = "When readLine() on the socket returns null (or throws), the server is"
            + " gone: print Disconnected from server. and exit, with System.exit, since the main thread is blocked reading"
            + " stdin and nothing else can end it (step 8).";

    static final String CLIENT_NICK_FIRST = "Answer NICK before anything else: the server reads the first line after"
            + " NICK as the nickname. Send what the user types only once the server has let the client in (Connected to"
            + " server!): read the keyboard after the handshake, or keep what was typed until then (step 7).";
    static final String CLIENT_NICK_NOT_PRINTED = "NICK is the server asking for the nickname: answer it (send the"
            + " nickname, or show the prompt Choose your nickname: and send what is typed), but do not print it (step 7).";
    static final String CLIENT_LEAVE_QUIETLY = "Print Disconnected from server. only when the server closed the"
            + " connection first. On /quit or the end of stdin the client is the one leaving: send !DISCONNECT, close, exit"
            + " 0, and make the thread that reads the socket end quietly (check a flag set before closing), step 9.";

    // The client's hints in the words of its own language, where the launch command shows it.
    static String clientNickArgument(ClientUnderTest client) {
        return client.language().hint()
                .java(CLIENT_NICK_ARGUMENT)
                .python("Read the server's lines; when one is NICK, send the nickname from the third argument"
                        + " (sys.argv[3]) followed by \\n (step 7).")
                .javascript("Read the server's lines; when one is NICK, send the nickname from the third argument"
                        + " (process.argv[4]) followed by \\n (step 7).")
                .otherwise("Read the server's lines; when one is NICK, send the nickname from the third argument,"
                        + " followed by \\n, at once (step 7).");
    }

    static String clientQuit(ClientUnderTest client) {
        return client.language().hint()
                .java(CLIENT_QUIT)
                .python("When the user types /quit, send !DISCONNECT (not /quit), close the socket and exit with status 0:"
                        + " os._exit(0), or make the thread reading the socket a daemon, since a thread blocked in recv()"
                        + " keeps the program alive and close() does not wake it (step 9).")
                .javascript("When the user types /quit, send !DISCONNECT (not /quit), then socket.end() and"
                        + " process.exit(0) once it is done (step 9).")
                .otherwise("When the user types /quit, send !DISCONNECT (not /quit), close the connection and exit the"
                        + " whole process with status 0, even though the part that reads the socket is still waiting (step 9).");
    }

    static String clientEndOfInput(ClientUnderTest client) {
        return client.language().hint()
                .java(CLIENT_END_OF_INPUT)
                .otherwise("At the end of stdin do what /quit does: send !DISCONNECT, close the connection, exit with"
                        + " status 0 (step 9). Just closing leaves the server without the goodbye the protocol asks for.");
    }

    static String clientServerClosed(ClientUnderTest client) {
        return client.language().hint()
                .java(CLIENT_SERVER_CLOSED)
                .python("When the socket's read returns b\"\" (or raises), the server is gone: print Disconnected from"
                        + " server. and end the whole program with os._exit(0): sys.exit() in the reading thread ends only"
                        + " that thread, and the main thread stays blocked reading stdin (step 8).")
                .javascript("On the socket's 'close' event, print Disconnected from server. and call process.exit(0):"
                        + " the open stdin would keep Node running (step 8).")
                .otherwise("When the socket's read reports the end (0 bytes, or an error), the server is gone: print"
                        + " Disconnected from server. and end the whole process, even though it may be waiting for"
                        + " stdin (step 8).");
    }

    static String clientPrint(ClientUnderTest client) {
        return client.language().hint()
                .java(CLIENT_PRINT)
                .python("Print every line from the server (other than NICK) the moment it arrives: read the socket in a"
                        + " thread of its own while the main thread waits on stdin, and print with flush=True (stdout is a"
                        + " pipe here, which Python buffers), step 8.")
                .javascript("Print every line from the server (other than NICK) in the socket's 'data' handler, as soon"
                        + " as the line is complete (step 8).")
                .otherwise("Print every line from the server (other than NICK) the moment it arrives, while waiting for"
                        + " stdin at the same time, and flush stdout after each line: it is a pipe here (step 8).");
    }

    private ChatHints() {
    }
}
