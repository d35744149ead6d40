package io.pendule.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link ContainerImage} running: by a real container engine ({@link EngineContainer}), or, where the engine may
 * build but not run (these machines' sandbox refuses `podman run`), its file system run as a process
 * ({@link MountedImage}). Either way the image's own entry point, command, user, working directory and environment.
 */
interface RunningImage extends AutoCloseable {

    /** A host folder given to the image at {@code target}, as a volume. */
    record Volume(Path source, String target, boolean readOnly) {
    }

    /** Runs a command inside the running image, as {@code docker exec} does, with {@code env} added; its result. */
    ContainerImage.Result exec(Map<String, String> env, String... command) throws Exception;

    /** Sends the image's stop signal as an engine's stop does and waits for the end; how long it took, at most {@code patience}. */
    Duration stop(Duration patience) throws Exception;

    boolean alive() throws Exception;

    /** The exit status of the image's process, once it has ended. */
    int exitValue() throws Exception;

    /** What the image's process wrote. */
    String log() throws Exception;

    /** Ends whatever still runs and leaves nothing behind (mounts, containers). */
    @Override
    void close() throws Exception;
}
