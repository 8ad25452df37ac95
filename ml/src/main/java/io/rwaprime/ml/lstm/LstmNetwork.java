package io.rwaprime.ml.lstm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The TensorFlow graph and its one session: a single-layer LSTM unrolled over the window from
 * matmuls (not {@code BlockLSTM}, which has no registered gradient in TF Java 1.1.0), a dense
 * head with H × 5 outputs made monotone in the quantile (median plus softplus increments, so
 * 2.5 ≤ 10 ≤ 50 ≤ 90 ≤ 97.5 % by construction), and the pinball loss minimised by Adam.
 *
 * <p>Input standardisation (train-split mean and standard deviation per feature) and output
 * scaling (σ of one-step returns × √k for horizon k) are constants of the graph, so the
 * {@code window → quantiles} signature maps raw features to quantiles of the cumulative log
 * return and the exported SavedModel needs nothing else. Weights are initialised from a seeded
 * {@link Random} (Glorot uniform) rather than TensorFlow random ops, which keeps training
 * reproducible for a given seed and thread count.
 */
@SuppressWarnings("unchecked")
final class LstmNetwork implements AutoCloseable {

    /** Signature input: raw features, [batch, W, F]. */
    static final String INPUT = "window";
    /** Signature output: quantiles of the cumulative log return, [batch, H, 5]. */
    static final String OUTPUT = "quantiles";

    private static final String[] WEIGHT_NAMES = {"wx", "wh", "b", "wo", "bo"};

    private final int window;
    private final int features;
    private final int horizon;
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TFloat32> target;
    private final Operand<TFloat32> quantiles;
    private final Operand<TFloat32> loss;
    private final Op minimize;
    private final List<Variable<TFloat32>> weights = new ArrayList<>();
    private final List<Placeholder<TFloat32>> weightFeeds = new ArrayList<>();
    private final List<Op> weightAssigns = new ArrayList<>();

    LstmNetwork(LstmOptions o, int features, float[] mean, float[] std, float returnSigma, LstmDevice device) {
        this.window = o.window();
        this.features = features;
        this.horizon = o.horizon();
        int u = o.units();
        int q = Quantiles.count();
        Ops tf = device.ops(graph);
        Random rnd = new Random(o.seed());
        x = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, window, features)));
        target = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, horizon)));
        Variable<TFloat32> wx = weight(tf, "wx", rnd, features, 4 * u);
        Variable<TFloat32> wh = weight(tf, "wh", rnd, u, 4 * u);
        Variable<TFloat32> b = weight(tf, "b", null, 4 * u);
        Variable<TFloat32> wo = weight(tf, "wo", rnd, u, horizon * q);
        Variable<TFloat32> bo = weight(tf, "bo", null, horizon * q);

        var xs = tf.math.div(tf.math.sub(x, vector(tf, mean)), vector(tf, std));
        // one matmul projects every step's input; the recurrence only adds h·Wh
        var proj = tf.reshape(tf.math.add(tf.linalg.matMul(tf.reshape(xs, tf.constant(new int[] {-1, features})), wx), b),
                tf.constant(new int[] {-1, window, 4 * u}));
        Unstack<TFloat32> steps = tf.unstack(proj, (long) window, Unstack.axis(1L));
        Operand<TFloat32> h = null;
        Operand<TFloat32> c = null;
        for (Operand<TFloat32> zt : steps) {
            Operand<TFloat32> z = h == null ? zt : tf.math.add(zt, tf.linalg.matMul(h, wh));
            var gates = tf.split(tf.constant(1), z, 4L).output();
            var in = tf.math.sigmoid(gates.get(0));
            var forget = tf.math.sigmoid(tf.math.add(gates.get(1), tf.constant(1f)));
            var cand = tf.math.tanh(gates.get(2));
            var out = tf.math.sigmoid(gates.get(3));
            c = c == null ? tf.math.mul(in, cand) : tf.math.add(tf.math.mul(forget, c), tf.math.mul(in, cand));
            h = tf.math.mul(out, tf.math.tanh(c));
        }
        var raw = tf.reshape(tf.math.add(tf.linalg.matMul(h, wo), bo), tf.constant(new int[] {-1, horizon, q}));
        var r = tf.unstack(raw, (long) q, Unstack.axis(2L)).output();
        Operand<TFloat32> q50 = r.get(0);
        Operand<TFloat32> q90 = tf.math.add(q50, tf.math.softplus(r.get(1)));
        Operand<TFloat32> q975 = tf.math.add(q90, tf.math.softplus(r.get(2)));
        Operand<TFloat32> q10 = tf.math.sub(q50, tf.math.softplus(r.get(3)));
        Operand<TFloat32> q025 = tf.math.sub(q10, tf.math.softplus(r.get(4)));
        var standardQ = tf.stack(List.of(q025, q10, q50, q90, q975), org.tensorflow.op.core.Stack.axis(2L));
        float[] scale = new float[horizon];
        for (int k = 0; k < horizon; k++) {
            scale[k] = (float) (returnSigma * Math.sqrt(k + 1.0));
        }
        quantiles = tf.withName(OUTPUT).math.mul(standardQ,
                tf.constant(Shape.of(horizon, 1), DataBuffers.of(scale, true, false)));
        var err = tf.math.sub(tf.expandDims(target, tf.constant(2)), standardQ);
        var tau = vector(tf, Quantiles.TAUS);
        var pinball = tf.math.maximum(tf.math.mul(tau, err), tf.math.mul(tf.math.sub(tau, tf.constant(1f)), err));
        loss = tf.withName("loss").math.mean(pinball, tf.constant(new int[] {0, 1, 2}));
        minimize = adamStep(tf, loss, o.learningRate());
        session = new Session(graph, device.config());
        session.initialize();
    }

    /**
     * Adam (Kingma &amp; Ba; TensorFlow's {@code ApplyAdam} kernel, defaults β1 0.9, β2 0.999,
     * ε 1e-7) with explicit ordering: every update waits for the loss and all gradients, and
     * the β-power decay waits for every update. tensorflow-framework 1.0.0's {@code Adam} has
     * neither ordering, so an update could race a gradient still reading a (ref) variable, and
     * the β powers could decay before some updates read them: two trainings with one seed
     * differed at the second step.
     */
    private Op adamStep(Ops tf, Operand<TFloat32> loss, float learningRate) {
        Output<?>[] vars = weights.stream().map(Variable::asOutput).toArray(Output[]::new);
        Output<?>[] grads = graph.addGradients(loss.asOutput(), vars);
        List<Op> ready = new ArrayList<>();
        ready.add(tf.identity(loss));
        for (Output<?> g : grads) {
            ready.add(tf.identity((Operand<TFloat32>) g));
        }
        Ops gated = tf.withControlDependencies(ready);
        Variable<TFloat32> b1Power = tf.withName("adam_beta1_power").variable(tf.constant(0.9f));
        Variable<TFloat32> b2Power = tf.withName("adam_beta2_power").variable(tf.constant(0.999f));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < vars.length; i++) {
            Variable<TFloat32> v = weights.get(i);
            var zeros = tf.constant(v.shape(), DataBuffers.ofFloats(v.shape().size()));
            Variable<TFloat32> m = tf.withName(WEIGHT_NAMES[i] + "_adam_m").variable(zeros);
            Variable<TFloat32> s2 = tf.withName(WEIGHT_NAMES[i] + "_adam_v").variable(zeros);
            updates.add(gated.train.applyAdam(v, m, s2, b1Power, b2Power, gated.constant(learningRate),
                    gated.constant(0.9f), gated.constant(0.999f), gated.constant(1e-7f),
                    gated.identity((Operand<TFloat32>) grads[i])));
        }
        Ops done = tf.withControlDependencies(updates);
        return done.withName("adam_step").withControlDependencies(List.of(
                done.assign(b1Power, done.math.mul(b1Power, done.constant(0.9f))),
                done.assign(b2Power, done.math.mul(b2Power, done.constant(0.999f))))).noOp();
    }

    private Variable<TFloat32> weight(Ops tf, String name, Random rnd, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] init = new float[n];
        if (rnd != null) {
            double limit = Math.sqrt(6.0 / (dims[0] + dims[dims.length - 1]));
            for (int i = 0; i < n; i++) {
                init[i] = (float) ((2 * rnd.nextDouble() - 1) * limit);
            }
        }
        Shape shape = Shape.of(java.util.Arrays.stream(dims).asLongStream().toArray());
        Variable<TFloat32> v = tf.withName(name).variable(tf.constant(shape, DataBuffers.of(init, true, false)));
        Placeholder<TFloat32> feed = tf.withName(name + "_restore").placeholder(TFloat32.class, Placeholder.shape(shape));
        weights.add(v);
        weightFeeds.add(feed);
        weightAssigns.add(tf.assign(v, feed));
        return v;
    }

    private static Operand<TFloat32> vector(Ops tf, float[] v) {
        return tf.constant(Shape.of(v.length), DataBuffers.of(v, true, false));
    }

    /** One Adam step on {@code n} windows; returns the batch's pinball loss before the step. */
    float trainStep(float[] xBuf, float[] yStd, int n) {
        try (TFloat32 xt = windows(xBuf, n);
             TFloat32 yt = TFloat32.tensorOf(Shape.of(n, horizon), DataBuffers.of(yStd, true, false).narrow((long) n * horizon));
             Result res = session.runner().feed(x, xt).feed(target, yt).addTarget(minimize).fetch(loss).run()) {
            return ((TFloat32) res.get(0)).getFloat();
        }
    }

    /** Mean pinball loss on {@code n} windows, no update. */
    float loss(float[] xBuf, float[] yStd, int n) {
        try (TFloat32 xt = windows(xBuf, n);
             TFloat32 yt = TFloat32.tensorOf(Shape.of(n, horizon), DataBuffers.of(yStd, true, false).narrow((long) n * horizon));
             Result res = session.runner().feed(x, xt).feed(target, yt).fetch(loss).run()) {
            return ((TFloat32) res.get(0)).getFloat();
        }
    }

    /** Quantiles of the cumulative log return for {@code n} windows: [n, H, 5] row-major into {@code out}. */
    void predict(float[] xBuf, int n, float[] out) {
        try (TFloat32 xt = windows(xBuf, n);
             Result res = session.runner().feed(x, xt).fetch(quantiles).run()) {
            ((TFloat32) res.get(0)).asRawTensor().data().asFloats().read(out, 0, n * horizon * Quantiles.count());
        }
    }

    private TFloat32 windows(float[] xBuf, int n) {
        return TFloat32.tensorOf(Shape.of(n, window, features),
                DataBuffers.of(xBuf, true, false).narrow((long) n * window * features));
    }

    /** A copy of the trainable weights. */
    float[][] snapshot() {
        var runner = session.runner();
        weights.forEach(runner::fetch);
        float[][] out = new float[weights.size()][];
        try (Result res = runner.run()) {
            for (int i = 0; i < out.length; i++) {
                TFloat32 t = (TFloat32) res.get(i);
                out[i] = new float[(int) t.shape().size()];
                t.asRawTensor().data().asFloats().read(out[i]);
            }
        }
        return out;
    }

    /** Puts back weights taken by {@link #snapshot()}. */
    void restore(float[][] w) {
        var runner = session.runner();
        List<TFloat32> tensors = new ArrayList<>();
        try {
            for (int i = 0; i < w.length; i++) {
                TFloat32 t = TFloat32.tensorOf(weightFeeds.get(i).shape(), DataBuffers.of(w[i], true, false));
                tensors.add(t);
                runner.feed(weightFeeds.get(i), t).addTarget(weightAssigns.get(i));
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    /** Writes a SavedModel with the serving signature {@code window → quantiles}. */
    void export(Path dir) throws IOException {
        Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input(INPUT, x).output(OUTPUT, quantiles).build();
        SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(sig).export();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
