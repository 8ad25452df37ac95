package io.rwaprime.ml.lstm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

/**
 * Resolves {@code ml.device} to where the graph runs, and the session configuration for it:
 * soft placement and on-demand memory growth on a GPU ({@code /device:GPU:0}); the CPU when
 * no GPU is visible, with a warning when one was asked for. The CPU build of the natives
 * ({@code tensorflow-core-native:linux-x86_64}) never sees a GPU; {@code mvn -Pgpu} selects
 * the CUDA 12.5 + cuDNN 9 build.
 */
final class LstmDevice {

    private static final Logger log = LoggerFactory.getLogger(LstmDevice.class);

    private static volatile Boolean gpuVisible;

    private final boolean gpu;
    private final int threads;

    private LstmDevice(boolean gpu, int threads) {
        this.gpu = gpu;
        this.threads = threads;
    }

    /** Resolves the setting once per call, logging where the ops will run. */
    static LstmDevice resolve(LstmOptions.Device wanted, int threads) {
        boolean gpu = switch (wanted) {
            case CPU -> false;
            case AUTO -> gpuVisible();
            case GPU -> {
                boolean ok = gpuVisible();
                if (!ok) {
                    log.warn("LSTM device fallback [requested: gpu, running on: /device:CPU:0, reason: TensorFlow"
                            + " sees no GPU; build with -Pgpu and install CUDA 12.5 + cuDNN 9]");
                }
                yield ok;
            }
        };
        log.info("LSTM ops placed [requested: {}, device: {}]", wanted.name().toLowerCase(java.util.Locale.ROOT),
                gpu ? "/device:GPU:0" : "/device:CPU:0");
        return new LstmDevice(gpu, threads);
    }

    boolean gpu() {
        return gpu;
    }

    /** The op factory with the device pinned. */
    Ops ops(Graph g) {
        Ops tf = Ops.create(g);
        return gpu ? tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build())
                : tf;
    }

    /** Soft placement always; allow growth and placement logging on a GPU; fixed threads when set. */
    ConfigProto config() {
        ConfigProto.Builder b = ConfigProto.newBuilder().setAllowSoftPlacement(true)
                .setLogDevicePlacement(gpu);
        if (gpu) {
            b.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
        }
        if (threads > 0) {
            b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads);
        }
        return b.build();
    }

    /** Whether an op pinned to GPU:0 runs without soft placement; probed once per JVM. */
    private static boolean gpuVisible() {
        Boolean v = gpuVisible;
        if (v == null) {
            v = probe();
            gpuVisible = v;
        }
        return v;
    }

    private static boolean probe() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
                    .deviceIndex(0).build());
            var one = tf.math.add(tf.constant(1f), tf.constant(1f));
            ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false)
                    .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
            try (Session s = new Session(g, strict);
                 TFloat32 out = (TFloat32) s.runner().fetch(one).run().get(0)) {
                return out.getFloat() == 2f;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }
}
