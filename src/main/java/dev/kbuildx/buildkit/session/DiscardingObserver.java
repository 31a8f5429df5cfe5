package dev.kbuildx.buildkit.session;

import io.grpc.stub.StreamObserver;

/** Takes the messages of a call that has already been answered with an error. */
final class DiscardingObserver<T> implements StreamObserver<T> {
  @Override
  public void onNext(T value) {
    // The call is over; late messages have no meaning.
  }

  @Override
  public void onError(Throwable error) {
    // Nothing is left to clean up.
  }

  @Override
  public void onCompleted() {
    // Nothing is left to clean up.
  }
}
